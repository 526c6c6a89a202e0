package dev.shutter.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every payload message of shutter/events/v1 has exactly one event type, and every type a message. */
class EventTypesTest {

    private static final Path EVENT_PROTOS = Path.of("src/main/proto/shutter/events/v1");

    @Test
    void everyEventMessageHasATypeAndEveryTypeAMessage() throws Exception {
        Set<String> messages = eventMessages().stream().map(Descriptor::getFullName).collect(Collectors.toSet());
        Set<String> typed = EventTypes.ALL.stream().map(EventTypesTest::messageOf).collect(Collectors.toSet());

        assertThat(messages).as("event payload messages in %s", EVENT_PROTOS).isNotEmpty();
        assertThat(typed).as("messages named by EventTypes").containsExactlyInAnyOrderElementsOf(messages);
        assertThat(EventTypes.ALL).as("one type per message").hasSameSizeAs(messages);
    }

    @Test
    void namesAreUniqueAndLookedUpByName() {
        Set<String> names = EventTypes.ALL.stream().map(EventType::name).collect(Collectors.toSet());
        assertThat(names).hasSameSizeAs(EventTypes.ALL);
        EventTypes.ALL.forEach(type -> assertThat(EventTypes.named(type.name())).contains(type));
        assertThat(EventTypes.named("post.publish")).isEmpty();
    }

    @Test
    void parsersReadTheirOwnMessage() throws Exception {
        for (EventType<?> type : EventTypes.ALL) {
            Object parsed = type.parser().parseFrom(new byte[0]);
            assertThat(parsed).isInstanceOf(type.payloadType());
        }
    }

    private static String messageOf(EventType<?> type) {
        try {
            return ((Descriptor) type.payloadType().getMethod("getDescriptor").invoke(null)).getFullName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " has no generated message class", e);
        }
    }

    /** The top-level messages of every proto file of the events package, through each file's generated outer class. */
    private static List<Descriptor> eventMessages() throws IOException, ReflectiveOperationException {
        try (Stream<Path> files = Files.list(EVENT_PROTOS)) {
            List<Path> protos = files.filter(file -> file.toString().endsWith(".proto")).sorted().toList();
            assertThat(protos).isNotEmpty();
            List<Descriptor> messages = new java.util.ArrayList<>();
            for (Path proto : protos) {
                Class<?> outer = Class.forName("dev.shutter.contracts.events.v1." + outerClassOf(proto));
                FileDescriptor file = (FileDescriptor) outer.getMethod("getDescriptor").invoke(null);
                messages.addAll(file.getMessageTypes());
            }
            return messages;
        }
    }

    /** protoc's outer class name: the file name in camel case ({@code media_events.proto} → {@code MediaEvents}). */
    private static String outerClassOf(Path proto) {
        String base = proto.getFileName().toString().replace(".proto", "");
        StringBuilder name = new StringBuilder();
        for (String part : base.split("_")) {
            name.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return name.toString();
    }
}
