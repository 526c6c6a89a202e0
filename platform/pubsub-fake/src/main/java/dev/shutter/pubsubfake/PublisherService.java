package dev.shutter.pubsubfake;

import com.google.protobuf.Empty;
import com.google.pubsub.v1.DeleteTopicRequest;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.PublishRequest;
import com.google.pubsub.v1.PublishResponse;
import com.google.pubsub.v1.PublisherGrpc;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.Topic;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The Publisher service: topics and publishing. */
final class PublisherService extends PublisherGrpc.PublisherImplBase {

    private static final Pattern TOPIC = Pattern.compile("projects/[^/]+/topics/[A-Za-z][-A-Za-z0-9._~%+]{2,254}");
    private final PubSubFake fake;

    PublisherService(PubSubFake fake) {
        this.fake = fake;
    }

    @Override
    public void createTopic(Topic request, StreamObserver<Topic> response) {
        respond(response, () -> {
            checkName(TOPIC, request.getName());
            if (fake.topics.putIfAbsent(request.getName(), request) != null) {
                throw Status.ALREADY_EXISTS.withDescription("Topic already exists: " + request.getName()).asRuntimeException();
            }
            return request;
        });
    }

    @Override
    public void getTopic(GetTopicRequest request, StreamObserver<Topic> response) {
        respond(response, () -> topic(request.getTopic()));
    }

    @Override
    public void deleteTopic(DeleteTopicRequest request, StreamObserver<Empty> response) {
        respond(response, () -> {
            if (fake.topics.remove(request.getTopic()) == null) {
                throw notFound("topic", request.getTopic());
            }
            fake.subscriptions.values().forEach(state -> state.detachFrom(request.getTopic()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void publish(PublishRequest request, StreamObserver<PublishResponse> response) {
        respond(response, () -> {
            topic(request.getTopic());
            if (request.getMessagesCount() == 0) {
                throw Status.INVALID_ARGUMENT.withDescription("No messages to publish").asRuntimeException();
            }
            for (PubsubMessage message : request.getMessagesList()) {
                if (message.getData().isEmpty() && message.getAttributesCount() == 0) {
                    throw Status.INVALID_ARGUMENT.withDescription("A message needs data or attributes").asRuntimeException();
                }
            }
            return PublishResponse.newBuilder()
                    .addAllMessageIds(fake.publish(request.getTopic(), request.getMessagesList()))
                    .build();
        });
    }

    private Topic topic(String name) {
        Topic topic = fake.topics.get(name);
        if (topic == null) {
            throw notFound("topic", name);
        }
        return topic;
    }

    static void checkName(Pattern pattern, String name) {
        if (!pattern.matcher(name).matches() || name.contains("/goog")) {
            throw Status.INVALID_ARGUMENT.withDescription("Invalid resource name given (name=" + name + ")").asRuntimeException();
        }
    }

    static StatusRuntimeException notFound(String kind, String name) {
        return Status.NOT_FOUND.withDescription("Resource not found (resource=" + kind + ", name=" + name + ")")
                .asRuntimeException();
    }

    /** Completes a unary call with the supplier's value, or with the status it threw. */
    static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
        T value;
        try {
            value = call.get();
        } catch (StatusRuntimeException e) {
            response.onError(e);
            return;
        }
        response.onNext(value);
        response.onCompleted();
    }
}
