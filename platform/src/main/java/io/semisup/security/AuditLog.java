package io.semisup.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Set;

/**
 * Who changed what, and when: one line per request that creates, labels, deletes, trains, cancels or pins (every
 * method but GET, HEAD and OPTIONS, and those marked {@link ReadOnly}), refused ones included, in the log category
 * {@value #CATEGORY} — e.g. {@code audit who=admin action="DELETE /datasets/d-1" status=204}. The log line's time
 * is the when; a log pipeline can route the category to its own store.
 */
@Provider
public class AuditLog implements ContainerResponseFilter {

    public static final String CATEGORY = "semisup.audit";
    private static final Logger AUDIT = Logger.getLogger(CATEGORY);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod()) || readOnly()) {
            return;
        }
        Principal who = request.getSecurityContext().getUserPrincipal();
        // A token's name is the identity provider's: kept to a safe alphabet, so one line stays one line.
        String name = who == null ? "anonymous" : who.getName().replaceAll("[^\\w.@-]", "_");
        // The raw (still percent-encoded) path: an encoded line break stays encoded.
        AUDIT.infof("audit who=%s action=\"%s %s\" status=%d", name, request.getMethod(),
                request.getUriInfo().getRequestUri().getRawPath(), response.getStatus());
    }

    /** False where no resource method matched (a 404 or 405 is audited: someone tried to change something). */
    private boolean readOnly() {
        Method method = resource.getResourceMethod();
        return method != null && (method.isAnnotationPresent(ReadOnly.class)
                || method.getDeclaringClass().isAnnotationPresent(ReadOnly.class));
    }
}
