package io.semisup.cli.security;

import io.semisup.contracts.security.ApiKeys;
import io.semisup.contracts.security.Roles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code semisup key add|revoke}: API keys in the key file the services read (they notice a change within a second,
 * no restart). The key itself is shown or written once; the key file keeps only its SHA-256.
 */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Create or revoke API keys in a key file.",
        subcommands = {KeyCommand.Add.class, KeyCommand.Revoke.class})
public class KeyCommand {

    static final String FILE_HELP = "the services' key file (env SEMISUP_SECURITY_API_KEYS_FILE; the embedded "
            + "default's: run/security/api-keys)";

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a key for NAME with ROLE (viewer, labeller, trainer, admin).")
    static class Add implements Runnable {

        @Parameters(index = "0", description = "who holds the key (letters, digits, . _ @ -)")
        String name;

        @Parameters(index = "1", description = "viewer, labeller, trainer or admin")
        String role;

        @Option(names = "--keys-file", required = true, defaultValue = "${env:SEMISUP_SECURITY_API_KEYS_FILE}",
                description = FILE_HELP)
        Path keysFile;

        @Option(names = "--out", description = "write the key to this file (owner-only) instead of printing it")
        Path out;

        @Override
        public void run() {
            String key = ApiKeys.generate();
            ApiKeys.Entry entry = ApiKeys.entry(key, role, name);
            List<String> lines = read(keysFile);
            if (ApiKeys.parse(lines).stream().anyMatch(e -> e.name().equals(name))) {
                throw new IllegalArgumentException("the key file already has a key named " + name
                        + "; revoke it first (semisup key revoke " + name + ")");
            }
            lines.add(entry.line());
            write(keysFile, lines);
            if (out != null) {
                write(out, List.of(key));
                System.out.println("key for " + name + " (" + role + ") written to " + out);
            } else {
                System.out.println(key);
            }
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Remove the key of NAME.")
    static class Revoke implements Runnable {

        @Parameters(index = "0", description = "who holds the key")
        String name;

        @Option(names = "--keys-file", required = true, defaultValue = "${env:SEMISUP_SECURITY_API_KEYS_FILE}",
                description = FILE_HELP)
        Path keysFile;

        @Override
        public void run() {
            List<String> lines = read(keysFile);
            List<String> kept = new ArrayList<>();
            for (String line : lines) {
                List<ApiKeys.Entry> entry = ApiKeys.parse(List.of(line));
                if (entry.isEmpty() || !entry.get(0).name().equals(name)) {
                    kept.add(line);
                }
            }
            if (kept.size() == lines.size()) {
                throw new IllegalArgumentException("no key named " + name + " in " + keysFile);
            }
            write(keysFile, kept);
            System.out.println("revoked the key of " + name);
        }
    }

    private static List<String> read(Path file) {
        try {
            return Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>(List.of(
                    "# semisup API keys: '<sha-256 of the key> <role> <name>' per line (" + String.join(", ", Roles.ALL)
                            + "); see 'semisup key'"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Owner-only, replaced in one move so that a service never reads half a file. */
    private static void write(Path file, List<String> lines) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path next = Files.createTempFile(dir, ".keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(next, lines);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
