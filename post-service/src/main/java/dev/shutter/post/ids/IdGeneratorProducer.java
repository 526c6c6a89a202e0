package dev.shutter.post.ids;

import dev.shutter.ids.IdGenerator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One ID generator per process, with this instance's leased worker: its monotonic state must not be split. */
public class IdGeneratorProducer {

    @Produces
    @Singleton
    IdGenerator idGenerator(WorkerLease lease) {
        return new IdGenerator(lease.worker());
    }
}
