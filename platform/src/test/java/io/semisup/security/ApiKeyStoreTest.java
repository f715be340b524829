package io.semisup.security;

import io.semisup.contracts.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys come from the key file and are read again when it changes: a revoked key is refused without a restart. */
class ApiKeyStoreTest {

    @TempDir
    Path dir;

    @Test
    void aRevokedKeyIsRefusedWithoutARestart() throws Exception {
        String alice = ApiKeys.generate();
        String bob = ApiKeys.generate();
        Path file = dir.resolve("keys");
        write(file, List.of(ApiKeys.entry(alice, "admin", "alice").line(), ApiKeys.entry(bob, "viewer", "bob").line()),
                Instant.parse("2026-01-01T00:00:00Z"));
        ApiKeyStore store = new ApiKeyStore(Optional.of(file));

        assertEquals("alice", store.find(alice).orElseThrow().name());
        assertEquals("viewer", store.find(bob).orElseThrow().role());
        assertTrue(store.find(ApiKeys.generate()).isEmpty());

        write(file, List.of(ApiKeys.entry(alice, "admin", "alice").line()), Instant.parse("2026-01-02T00:00:00Z"));
        await().until(() -> store.find(bob).isEmpty());
        assertTrue(store.find(alice).isPresent());
    }

    @Test
    void aKeyJustAddedWorksOnItsFirstUse() throws Exception {
        String alice = ApiKeys.generate();
        String bob = ApiKeys.generate();
        Path file = dir.resolve("keys");
        write(file, List.of(ApiKeys.entry(alice, "admin", "alice").line()), Instant.parse("2026-01-01T00:00:00Z"));
        ApiKeyStore store = new ApiKeyStore(Optional.of(file));
        assertTrue(store.find(alice).isPresent());

        write(file, List.of(ApiKeys.entry(alice, "admin", "alice").line(), ApiKeys.entry(bob, "viewer", "bob").line()),
                Instant.parse("2026-01-02T00:00:00Z"));
        Thread.sleep(1_100); // past the once-a-second check
        assertEquals("bob", store.find(bob).orElseThrow().name(), "no retry needed");
    }

    @Test
    void withoutAKeyFileNoKeyIsAccepted() {
        ApiKeyStore store = new ApiKeyStore(Optional.empty());
        assertTrue(store.find(ApiKeys.generate()).isEmpty());
    }

    private static void write(Path file, List<String> lines, Instant modified) throws Exception {
        Files.write(file, lines);
        // Distinct modification times, whatever the file system's clock resolution.
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }
}
