package io.semisup.testing;

import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;
import io.smallrye.jwt.build.Jwt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Credentials for every role, as tests present them: an API key per role (in the key file the services read) and
 * bearer tokens signed by a test issuer, whose public key the services trust in tests (the identity provider is not
 * ours: its tokens are made here, with a key pair kept for tests only). Constants, so that a test and the test
 * resource agree whatever class loader each runs in.
 */
public final class TestCredentials {

    public static final String ISSUER = "https://issuer.semisup.test";
    private static final String KEYS = "semisup-test-issuer/";

    private TestCredentials() {
    }

    /** The API key of {@code role} in tests. */
    public static String apiKey(String role) {
        return "sk_test_" + role + "_key_for_tests_only";
    }

    /** A bearer token of the test issuer for a user holding {@code role}, valid for ten minutes. */
    public static String bearerToken(String role) {
        return Jwt.issuer(ISSUER).upn(role + "@semisup.test").groups(Set.of(role)).expiresIn(600)
                .sign(privateKey());
    }

    /**
     * Writes the key file with one key per role (and {@code trainer-service}'s own key, role trainer) into {@code dir}
     * and returns the services' configuration: the key file, the test issuer for OIDC.
     */
    public static Map<String, String> serviceConfig(Path dir) {
        try {
            List<String> lines = new ArrayList<>(List.of("# test keys, one per role"));
            for (String role : Roles.ALL) {
                lines.add(ApiKeys.entry(apiKey(role), role, "test-" + role).line());
            }
            Path keyFile = Files.write(dir.resolve("api-keys"), lines);
            Path trainerKey = Files.writeString(dir.resolve("trainer-service.key"), apiKey(Roles.TRAINER));
            Map<String, String> config = new HashMap<>();
            config.put("semisup.security.api-keys-file", keyFile.toString());
            config.put("semisup.dataset-service.key-file", trainerKey.toString());
            config.put("quarkus.oidc.tenant-enabled", "true");
            config.put("quarkus.oidc.public-key", pem("publicKey.pem"));
            config.put("quarkus.oidc.token.issuer", ISSUER);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PrivateKey privateKey() {
        try {
            byte[] der = Base64.getDecoder().decode(pem("privateKey.pem"));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the test issuer's key", e);
        }
    }

    /** The base64 body of a PEM file of the test issuer. */
    private static String pem(String name) {
        try (InputStream in = TestCredentials.class.getClassLoader().getResourceAsStream(KEYS + name)) {
            if (in == null) {
                throw new IllegalStateException("no " + KEYS + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
