package dev.shutter.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void roundTripsThroughAttributes() {
        Envelope envelope = new Envelope("id-1", "post.published", Instant.parse("2026-11-21T10:15:30.123Z"), "42", new byte[] {1, 2});

        assertThat(Envelope.fromAttributes(envelope.attributes(), new byte[] {1, 2})).isEqualTo(envelope);
    }

    @Test
    void emptyKeyIsNotSentAsAnAttribute() {
        Envelope envelope = new Envelope("id-1", "t", Instant.now(), null, null);

        assertThat(envelope.attributes()).doesNotContainKey(Envelope.KEY);
        assertThat(Envelope.fromAttributes(envelope.attributes(), new byte[0]).key()).isEmpty();
    }

    @Test
    void messageWithoutEnvelopeAttributesIsADeadLetter() {
        assertThatThrownBy(() -> Envelope.fromAttributes(Map.of("type", "t"), new byte[0]))
                .isInstanceOf(DeadLetterException.class)
                .hasMessageContaining("not an event envelope");
        assertThatThrownBy(() -> Envelope.fromAttributes(Map.of("eventId", "1", "type", "t", "occurredAt", "yesterday"), new byte[0]))
                .isInstanceOf(DeadLetterException.class)
                .hasMessageContaining("occurredAt");
    }
}
