package io.semisup.contracts.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * API keys for machines and the embedded default, sent in the {@value #HEADER} header. A key is 32 random bytes, so
 * its SHA-256 is enough to store it (no salt or slow hash is needed against guessing a 256-bit secret); the key file
 * holds one line per key, {@code <sha-256 hex> <role> <name>}, and never the key itself. The services read the file
 * the CLI writes ({@code semisup keys add}).
 */
public final class ApiKeys {

    public static final String HEADER = "X-API-Key";
    private static final String PREFIX = "sk_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One line of the key file: who holds the key whose hash this is, and with which role. */
    public record Entry(String hash, String role, String name) {

        public String line() {
            return hash + " " + role + " " + name;
        }
    }

    private ApiKeys() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The key held in a key file of its own ({@code --out} of {@code semisup key add}, a mounted Secret). */
    public static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static Entry entry(String key, String role, String name) {
        require(Roles.isRole(role), "unknown role '" + role + "' (roles: " + String.join(", ", Roles.ALL) + ")");
        require(name.matches("[A-Za-z0-9._@-]+"), "a key's name is letters, digits and . _ @ - only: '" + name + "'");
        return new Entry(hash(key), role, name);
    }

    /** The entries of a key file; blank lines and lines starting with # are skipped. */
    public static List<Entry> parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            require(parts.length == 3 && parts[0].matches("[0-9a-f]{64}") && Roles.isRole(parts[1]),
                    "line " + (i + 1) + " of the key file is not '<sha-256 hex> <role> <name>' with a role of "
                            + String.join(", ", Roles.ALL));
            entries.add(new Entry(parts[0], parts[1], parts[2]));
        }
        return entries;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
