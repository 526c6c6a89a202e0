package dev.shutter.post.internal;

import dev.shutter.rest.problem.ProblemException;
import dev.shutter.serviceauth.ServiceTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who calls an operators' endpoint under {@code /internal}: only a holder of a service token
 * (platform/service-auth), such as the {@code ./shutter} commands. The gateway and the load
 * balancer never route {@code /internal}.
 */
@ApplicationScoped
public class ServiceCallers {

    private static final String BEARER = "Bearer ";

    private final ServiceTokenVerifier services;

    ServiceCallers(ServiceTokenVerifier services) {
        this.services = services;
    }

    /** The calling service's name; 401 problem without a valid service token. */
    public String verify(String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            throw ProblemException.unauthorized("A service token is required.");
        }
        try {
            return services.verify(authorization.substring(BEARER.length()));
        } catch (ServiceTokenVerifier.InvalidServiceToken e) {
            throw ProblemException.unauthorized("The service token is not valid.");
        }
    }
}
