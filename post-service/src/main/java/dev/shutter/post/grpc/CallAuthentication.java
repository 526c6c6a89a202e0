package dev.shutter.post.grpc;

import dev.shutter.rest.auth.Caller;
import dev.shutter.serviceauth.ServiceMetadata;
import dev.shutter.serviceauth.ServiceTokenVerifier;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Every PostQuery call must come from a service that proves who it is (its service token), and
 * when made for a user, carry that user's access token, verified here as the REST API verifies
 * it: the viewer of the call is the token's subject, never an ID from the request.
 */
@GlobalInterceptor
@ApplicationScoped
public class CallAuthentication implements ServerInterceptor {

    /** The verified viewer of a call: the token's subject and its session (login); 0s for no user. */
    record CallViewer(long userId, long sessionId) {
        static final CallViewer NONE = new CallViewer(0, 0);
    }

    /** The verified viewer of the current call. */
    static final Context.Key<CallViewer> VIEWER = Context.keyWithDefault("shutter-viewer", CallViewer.NONE);

    private static final Logger LOG = Logger.getLogger(CallAuthentication.class);
    private static final String BEARER = "Bearer ";

    private final ServiceTokenVerifier services;
    private final JWTParser accessTokens;

    CallAuthentication(ServiceTokenVerifier services, JWTParser accessTokens) {
        this.services = services;
        this.accessTokens = accessTokens;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        String authorization = headers.get(ServiceMetadata.AUTHORIZATION);
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("a service token is required"));
        }
        try {
            services.verify(authorization.substring(BEARER.length()));
        } catch (ServiceTokenVerifier.InvalidServiceToken e) {
            LOG.debugf("refused a PostQuery call: %s", e.getMessage());
            return refuse(call, Status.UNAUTHENTICATED.withDescription("the service token is not valid"));
        }
        String viewerToken = headers.get(ServiceMetadata.VIEWER_TOKEN);
        CallViewer viewer = CallViewer.NONE;
        if (viewerToken != null) {
            try {
                JsonWebToken token = accessTokens.parse(viewerToken);
                Object session = token.getClaim(Caller.SESSION_CLAIM);
                viewer = new CallViewer(Long.parseLong(token.getSubject()), session == null ? 0 : Long.parseLong(session.toString()));
            } catch (ParseException | RuntimeException e) {
                return refuse(call, Status.UNAUTHENTICATED.withDescription("the viewer's access token is not valid"));
            }
        }
        return Contexts.interceptCall(Context.current().withValue(VIEWER, viewer), call, headers, next);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
