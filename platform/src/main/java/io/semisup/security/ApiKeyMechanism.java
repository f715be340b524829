package io.semisup.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.semisup.contracts.security.ApiKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;
import java.util.Set;

/**
 * Authentication by API key in the {@value ApiKeys#HEADER} header, beside OIDC bearer tokens (quarkus-oidc reads
 * {@code Authorization: Bearer}); a request without the header is left to the other mechanisms. Where
 * {@code semisup.security.api-key-cookie} names a cookie (the console's, set at its login), the key may come in it
 * instead: the services leave it unset, so their APIs never take credentials a browser sends by itself.
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private final Optional<String> cookie;

    public ApiKeyMechanism(@ConfigProperty(name = "semisup.security.api-key-cookie") Optional<String> cookie) {
        this.cookie = cookie;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String key = context.request().getHeader(ApiKeys.HEADER);
        if ((key == null || key.isBlank()) && cookie.isPresent()) {
            Cookie sent = context.request().getCookie(cookie.get());
            key = sent == null ? null : sent.getValue();
        }
        if (key == null || key.isBlank()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key.strip()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate",
                "ApiKey header=\"" + ApiKeys.HEADER + "\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER,
                ApiKeys.HEADER));
    }
}
