package dev.shutter.pubsubfake;

import static dev.shutter.pubsubfake.PublisherService.checkName;
import static dev.shutter.pubsubfake.PublisherService.notFound;
import static dev.shutter.pubsubfake.PublisherService.respond;

import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.DeleteSubscriptionRequest;
import com.google.pubsub.v1.GetSubscriptionRequest;
import com.google.pubsub.v1.ModifyAckDeadlineRequest;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.RetryPolicy;
import com.google.pubsub.v1.StreamingPullRequest;
import com.google.pubsub.v1.StreamingPullResponse;
import com.google.pubsub.v1.SubscriberGrpc;
import com.google.pubsub.v1.Subscription;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.regex.Pattern;

/** The Subscriber service: subscriptions, pulling, acknowledging. */
final class SubscriberService extends SubscriberGrpc.SubscriberImplBase {

    private static final Pattern SUBSCRIPTION =
            Pattern.compile("projects/[^/]+/subscriptions/[A-Za-z][-A-Za-z0-9._~%+]{2,254}");
    private static final int MIN_ACK_DEADLINE = 10;
    private static final int MAX_ACK_DEADLINE = 600;

    private final PubSubFake fake;

    SubscriberService(PubSubFake fake) {
        this.fake = fake;
    }

    @Override
    public void createSubscription(Subscription request, StreamObserver<Subscription> response) {
        respond(response, () -> {
            checkName(SUBSCRIPTION, request.getName());
            if (!fake.topics.containsKey(request.getTopic())) {
                throw notFound("topic", request.getTopic());
            }
            Subscription config = withDefaults(request);
            if (fake.subscriptions.putIfAbsent(config.getName(), new SubscriptionState(config)) != null) {
                throw Status.ALREADY_EXISTS.withDescription("Subscription already exists: " + config.getName())
                        .asRuntimeException();
            }
            return config;
        });
    }

    @Override
    public void getSubscription(GetSubscriptionRequest request, StreamObserver<Subscription> response) {
        respond(response, () -> state(request.getSubscription()).config());
    }

    @Override
    public void deleteSubscription(DeleteSubscriptionRequest request, StreamObserver<Empty> response) {
        respond(response, () -> {
            SubscriptionState state = fake.subscriptions.remove(request.getSubscription());
            if (state == null) {
                throw notFound("subscription", request.getSubscription());
            }
            state.closeAll(notFound("subscription", request.getSubscription()));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void pull(PullRequest request, StreamObserver<PullResponse> response) {
        respond(response, () -> {
            if (request.getMaxMessages() <= 0) {
                throw invalid("max_messages must be positive");
            }
            return PullResponse.newBuilder()
                    .addAllReceivedMessages(state(request.getSubscription()).pull(request.getMaxMessages()))
                    .build();
        });
    }

    @Override
    public void acknowledge(AcknowledgeRequest request, StreamObserver<Empty> response) {
        respond(response, () -> {
            state(request.getSubscription()).acknowledge(request.getAckIdsList());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void modifyAckDeadline(ModifyAckDeadlineRequest request, StreamObserver<Empty> response) {
        respond(response, () -> {
            modify(state(request.getSubscription()), request.getAckIdsList(), request.getAckDeadlineSeconds());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public StreamObserver<StreamingPullRequest> streamingPull(StreamObserver<StreamingPullResponse> response) {
        return new StreamObserver<>() {
            private SubscriptionState state;
            private SubscriptionState.Stream stream;

            @Override
            public void onNext(StreamingPullRequest request) {
                try {
                    if (stream == null) {
                        SubscriptionState subscription = state(request.getSubscription());
                        int deadline = request.getStreamAckDeadlineSeconds();
                        if (deadline < MIN_ACK_DEADLINE || deadline > MAX_ACK_DEADLINE) {
                            throw invalid("stream_ack_deadline_seconds must be between 10 and 600");
                        }
                        state = subscription;
                        stream = new SubscriptionState.Stream(response, deadline, request.getMaxOutstandingMessages());
                        state.open(stream);
                    } else if (request.getStreamAckDeadlineSeconds() != 0) {
                        state.updateStream(stream, request.getStreamAckDeadlineSeconds());
                    }
                    state.acknowledge(request.getAckIdsList());
                    if (request.getModifyDeadlineAckIdsCount() != request.getModifyDeadlineSecondsCount()) {
                        throw invalid("modify_deadline_seconds and modify_deadline_ack_ids differ in length");
                    }
                    for (int i = 0; i < request.getModifyDeadlineAckIdsCount(); i++) {
                        modify(state, List.of(request.getModifyDeadlineAckIds(i)), request.getModifyDeadlineSeconds(i));
                    }
                } catch (StatusRuntimeException e) {
                    if (stream != null) {
                        state.fail(stream, e);
                    } else {
                        response.onError(e);
                    }
                }
            }

            @Override
            public void onError(Throwable t) {
                if (stream != null) {
                    state.close(stream, false);
                }
            }

            @Override
            public void onCompleted() {
                if (stream != null) {
                    state.close(stream, true);
                } else {
                    response.onCompleted();
                }
            }
        };
    }

    private void modify(SubscriptionState state, List<String> ackIds, int seconds) {
        if (seconds < 0 || seconds > MAX_ACK_DEADLINE) {
            throw invalid("ack deadline must be between 0 and 600 seconds");
        }
        fake.forward(state.modifyAckDeadline(ackIds, seconds));
    }

    private SubscriptionState state(String name) {
        SubscriptionState state = fake.subscriptions.get(name);
        if (state == null) {
            throw notFound("subscription", name);
        }
        return state;
    }

    /** Validates a new subscription like Pub/Sub does and fills in its defaults. */
    private static Subscription withDefaults(Subscription request) {
        Subscription.Builder config = request.toBuilder();
        int deadline = request.getAckDeadlineSeconds();
        if (deadline == 0) {
            config.setAckDeadlineSeconds(MIN_ACK_DEADLINE);
        } else if (deadline < MIN_ACK_DEADLINE || deadline > MAX_ACK_DEADLINE) {
            throw invalid("ack_deadline_seconds must be between 10 and 600");
        }
        if (request.hasDeadLetterPolicy()) {
            DeadLetterPolicy policy = request.getDeadLetterPolicy();
            int attempts = policy.getMaxDeliveryAttempts() == 0 ? 5 : policy.getMaxDeliveryAttempts();
            if (attempts < 5 || attempts > 100) {
                throw invalid("max_delivery_attempts must be between 5 and 100");
            }
            checkName(Pattern.compile("projects/[^/]+/topics/.+"), policy.getDeadLetterTopic());
            config.setDeadLetterPolicy(policy.toBuilder().setMaxDeliveryAttempts(attempts));
        }
        if (request.hasRetryPolicy()) {
            RetryPolicy policy = request.getRetryPolicy();
            Duration min = policy.hasMinimumBackoff() ? policy.getMinimumBackoff() : seconds(10);
            Duration max = policy.hasMaximumBackoff() ? policy.getMaximumBackoff() : seconds(600);
            if (min.getSeconds() < 0 || max.getSeconds() > 600 || compare(min, max) > 0) {
                throw invalid("retry backoffs must be between 0 and 600 seconds, the minimum not above the maximum");
            }
            config.setRetryPolicy(RetryPolicy.newBuilder().setMinimumBackoff(min).setMaximumBackoff(max));
        }
        return config.build();
    }

    private static Duration seconds(long seconds) {
        return Duration.newBuilder().setSeconds(seconds).build();
    }

    private static int compare(Duration a, Duration b) {
        return a.getSeconds() != b.getSeconds()
                ? Long.compare(a.getSeconds(), b.getSeconds())
                : Integer.compare(a.getNanos(), b.getNanos());
    }

    private static StatusRuntimeException invalid(String description) {
        return Status.INVALID_ARGUMENT.withDescription(description).asRuntimeException();
    }
}
