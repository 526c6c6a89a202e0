package dev.shutter.explore.model;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The newest complete release is loaded in the background at start; Explore answers trending until then. */
@ApplicationScoped
public class ModelStartup {

    void start(@Observes @Priority(30) StartupEvent startup, ModelWatcher watcher) {
        watcher.look().subscribe().with(ignored -> {}, e -> {});
    }
}
