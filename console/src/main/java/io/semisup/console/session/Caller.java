package io.semisup.console.session;

import io.quarkus.security.identity.SecurityIdentity;
import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The person behind a request: their key, passed on to the services, and their roles, which decide what the pages
 * offer (the services check again: hiding a button is a courtesy, not the protection).
 */
@RequestScoped
@Named("caller")
public class Caller {

    private final SecurityIdentity identity;
    private final HttpHeaders headers;
    private final String cookie;

    public Caller(SecurityIdentity identity, HttpHeaders headers,
                  @ConfigProperty(name = "semisup.security.api-key-cookie") String cookie) {
        this.identity = identity;
        this.headers = headers;
        this.cookie = cookie;
    }

    /** The key this request came with: the header's for a script, else the sign-in cookie's. */
    public String key() {
        String header = headers.getHeaderString(ApiKeys.HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        Cookie sent = headers.getCookies().get(cookie);
        return sent == null ? null : sent.getValue();
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** The strongest role, as a person would name it. */
    public String role() {
        for (String role : new String[] {Roles.ADMIN, Roles.TRAINER, Roles.LABELLER, Roles.VIEWER}) {
            if (identity.hasRole(role)) {
                return role;
            }
        }
        return "";
    }

    public boolean canLabel() {
        return identity.hasRole(Roles.LABELLER);
    }

    public boolean canTrain() {
        return identity.hasRole(Roles.TRAINER);
    }

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }
}
