package dev.shutter.pubsubfake;

import com.google.protobuf.Duration;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.Subscription;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription's messages: the backlog, the messages waiting out a retry backoff, the leases
 * of delivered messages, and the streaming-pull streams they go out on. Every method holds the
 * object's lock, which also serializes writes to the streams.
 */
final class SubscriptionState {

    private static final AtomicLong ACK_IDS = new AtomicLong();
    private static final int MAX_BATCH = 100;
    private static final int DEFAULT_MAX_DELIVERY_ATTEMPTS = 5;

    /** The topic a subscription shows once its topic is deleted, as in Pub/Sub. */
    static final String DELETED_TOPIC = "_deleted-topic_";

    private volatile Subscription config;
    private final ArrayDeque<Pending> ready = new ArrayDeque<>();
    private final PriorityQueue<Pending> delayed = new PriorityQueue<>(Comparator.comparingLong(p -> p.notBefore));
    private final Map<String, Lease> leases = new HashMap<>();
    private final List<Stream> streams = new ArrayList<>();

    SubscriptionState(Subscription config) {
        this.config = config;
    }

    /** A message as this subscription holds it, across its deliveries. */
    private static final class Pending {
        final PubsubMessage message;
        int deliveries;
        long notBefore;

        Pending(PubsubMessage message) {
            this.message = message;
        }
    }

    /** One delivery of a message (stream is null for Pull), known by its ack ID until acked, nacked or expired. */
    private record Lease(Pending pending, Stream stream, long deadline) {}

    /** An open StreamingPull call. */
    static final class Stream {
        final StreamObserver<StreamingPullResponse> observer;
        int ackDeadlineSeconds;
        long maxOutstanding;
        int outstanding;

        Stream(StreamObserver<StreamingPullResponse> observer, int ackDeadlineSeconds, long maxOutstanding) {
            this.observer = observer;
            this.ackDeadlineSeconds = ackDeadlineSeconds;
            this.maxOutstanding = maxOutstanding;
        }

        int room() {
            return maxOutstanding <= 0 ? MAX_BATCH : (int) Math.min(MAX_BATCH, maxOutstanding - outstanding);
        }
    }

    /** A message to forward to a dead-letter topic. */
    record DeadLetter(String topic, PubsubMessage message) {}

    Subscription config() {
        return config;
    }

    /** After its topic is deleted, a subscription keeps its backlog but gets no new messages. */
    synchronized void detachFrom(String topic) {
        if (config.getTopic().equals(topic)) {
            config = config.toBuilder().setTopic(DELETED_TOPIC).build();
        }
    }

    synchronized void enqueue(List<PubsubMessage> messages) {
        messages.forEach(m -> ready.add(new Pending(m)));
        dispatch(System.nanoTime());
    }

    synchronized void open(Stream stream) {
        streams.add(stream);
        dispatch(System.nanoTime());
    }

    /** Forgets a stream; its leases stay until acked or expired, as with the real service. */
    synchronized void close(Stream stream, boolean complete) {
        if (streams.remove(stream) && complete) {
            stream.observer.onCompleted();
        }
    }

    synchronized void fail(Stream stream, RuntimeException error) {
        if (streams.remove(stream)) {
            stream.observer.onError(error);
        }
    }

    synchronized void closeAll(RuntimeException error) {
        streams.forEach(s -> s.observer.onError(error));
        streams.clear();
    }

    synchronized void acknowledge(List<String> ackIds) {
        for (String ackId : ackIds) {
            Lease lease = leases.remove(ackId);
            if (lease != null) {
                release(lease);
            }
        }
        dispatch(System.nanoTime());
    }

    /** Extends leases, or with 0 seconds nacks them. Unknown (stale) ack IDs are ignored. */
    synchronized List<DeadLetter> modifyAckDeadline(List<String> ackIds, int seconds) {
        long now = System.nanoTime();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (String ackId : ackIds) {
            Lease lease = leases.get(ackId);
            if (lease == null) {
                continue;
            }
            if (seconds > 0) {
                leases.put(ackId, new Lease(lease.pending(), lease.stream(), now + TimeUnit.SECONDS.toNanos(seconds)));
            } else {
                leases.remove(ackId);
                release(lease);
                retryOrDeadLetter(lease.pending(), now, deadLetters);
            }
        }
        dispatch(now);
        return deadLetters;
    }

    synchronized void updateStream(Stream stream, int ackDeadlineSeconds) {
        if (ackDeadlineSeconds > 0) {
            stream.ackDeadlineSeconds = ackDeadlineSeconds;
        }
    }

    /** Unary Pull: what is deliverable now, leased for the subscription's ack deadline. */
    synchronized List<ReceivedMessage> pull(int maxMessages) {
        long now = System.nanoTime();
        promoteDue(now);
        List<ReceivedMessage> messages = new ArrayList<>();
        while (messages.size() < maxMessages && !ready.isEmpty()) {
            messages.add(deliver(ready.poll(), null, config.getAckDeadlineSeconds(), now));
        }
        return messages;
    }

    /** Expires overdue leases and delivers what has become deliverable. */
    synchronized List<DeadLetter> tick() {
        long now = System.nanoTime();
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (Iterator<Lease> it = leases.values().iterator(); it.hasNext(); ) {
            Lease lease = it.next();
            if (lease.deadline() - now <= 0) {
                it.remove();
                release(lease);
                retryOrDeadLetter(lease.pending(), now, deadLetters);
            }
        }
        dispatch(now);
        return deadLetters;
    }

    private void release(Lease lease) {
        if (lease.stream() != null) {
            lease.stream().outstanding--;
        }
    }

    private void retryOrDeadLetter(Pending pending, long now, List<DeadLetter> deadLetters) {
        if (config.hasDeadLetterPolicy() && pending.deliveries >= maxDeliveryAttempts()) {
            deadLetters.add(new DeadLetter(config.getDeadLetterPolicy().getDeadLetterTopic(), deadLetterOf(pending)));
            return;
        }
        pending.notBefore = now + backoffNanos(pending.deliveries);
        delayed.add(pending);
    }

    private PubsubMessage deadLetterOf(Pending pending) {
        String[] name = config.getName().split("/");
        return PubsubMessage.newBuilder()
                .setData(pending.message.getData())
                .putAllAttributes(pending.message.getAttributesMap())
                .putAttributes("CloudPubSubDeadLetterSourceDeliveryCount", Integer.toString(pending.deliveries))
                .putAttributes("CloudPubSubDeadLetterSourceSubscription", name[3])
                .putAttributes("CloudPubSubDeadLetterSourceSubscriptionProject", name[1])
                .putAttributes("CloudPubSubDeadLetterSourceTopicPublishTime",
                        Instant.ofEpochSecond(pending.message.getPublishTime().getSeconds(),
                                pending.message.getPublishTime().getNanos()).toString())
                .build();
    }

    /** Exponential from minimum_backoff to maximum_backoff; immediate without a retry policy. */
    private long backoffNanos(int deliveries) {
        if (!config.hasRetryPolicy()) {
            return 0;
        }
        long min = nanos(config.getRetryPolicy().getMinimumBackoff());
        long max = nanos(config.getRetryPolicy().getMaximumBackoff());
        long backoff = min << Math.min(Math.max(deliveries - 1, 0), 20);
        return Math.min(backoff, max);
    }

    private static long nanos(Duration duration) {
        return TimeUnit.SECONDS.toNanos(duration.getSeconds()) + duration.getNanos();
    }

    private int maxDeliveryAttempts() {
        int max = config.getDeadLetterPolicy().getMaxDeliveryAttempts();
        return max == 0 ? DEFAULT_MAX_DELIVERY_ATTEMPTS : max;
    }

    private void promoteDue(long now) {
        while (!delayed.isEmpty() && delayed.peek().notBefore - now <= 0) {
            ready.add(delayed.poll());
        }
    }

    /** Pushes deliverable messages to the open streams, round robin, within their flow control. */
    private void dispatch(long now) {
        promoteDue(now);
        boolean progress = true;
        while (progress && !ready.isEmpty()) {
            progress = false;
            for (Stream stream : List.copyOf(streams)) {
                int room = stream.room();
                if (room <= 0 || ready.isEmpty()) {
                    continue;
                }
                StreamingPullResponse.Builder response = StreamingPullResponse.newBuilder();
                for (int i = 0; i < room && !ready.isEmpty(); i++) {
                    response.addReceivedMessages(deliver(ready.poll(), stream, stream.ackDeadlineSeconds, now));
                }
                try {
                    stream.observer.onNext(response.build());
                } catch (RuntimeException e) {
                    streams.remove(stream); // the call is gone; its leases will expire
                }
                progress = true;
            }
        }
    }

    private ReceivedMessage deliver(Pending pending, Stream stream, int ackDeadlineSeconds, long now) {
        pending.deliveries++;
        String ackId = Long.toString(ACK_IDS.incrementAndGet());
        leases.put(ackId, new Lease(pending, stream, now + TimeUnit.SECONDS.toNanos(ackDeadlineSeconds)));
        if (stream != null) {
            stream.outstanding++;
        }
        ReceivedMessage.Builder received = ReceivedMessage.newBuilder().setAckId(ackId).setMessage(pending.message);
        if (config.hasDeadLetterPolicy()) {
            received.setDeliveryAttempt(pending.deliveries);
        }
        return received.build();
    }
}
