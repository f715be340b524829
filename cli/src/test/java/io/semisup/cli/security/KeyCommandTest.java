package io.semisup.cli.security;

import io.semisup.cli.SemisupCli;
import io.semisup.contracts.security.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keys are added to the key file as hashes only, owner-only, once per name, and revoked by name. */
class KeyCommandTest {

    @Test
    void addsHashedOwnerOnlyKeysAndRevokesThem(@TempDir Path dir) throws Exception {
        Path keys = dir.resolve("security/api-keys");
        Path bobKey = dir.resolve("bob.key");
        assertEquals(0, run("add", "bob", "labeller", "--keys-file", keys.toString(), "--out", bobKey.toString()));
        assertEquals(0, run("add", "ci", "trainer", "--keys-file", keys.toString(), "--out",
                dir.resolve("ci").toString()));

        String key = Files.readString(bobKey).strip();
        assertTrue(key.startsWith("sk_") && key.length() > 40, key);
        String file = Files.readString(keys);
        assertFalse(file.contains(key), "the key file keeps no key");
        List<ApiKeys.Entry> entries = ApiKeys.parse(Files.readAllLines(keys));
        assertEquals(List.of(new ApiKeys.Entry(ApiKeys.hash(key), "labeller", "bob")), entries.subList(0, 1));
        for (Path p : List.of(keys, bobKey)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }

        assertEquals(1, run("add", "bob", "admin", "--keys-file", keys.toString()), "one key per name");
        assertEquals(1, run("add", "eve", "root", "--keys-file", keys.toString()), "an unknown role");
        assertEquals(0, run("revoke", "bob", "--keys-file", keys.toString()));
        assertEquals(List.of("ci"), ApiKeys.parse(Files.readAllLines(keys)).stream().map(ApiKeys.Entry::name).toList());
        assertEquals(1, run("revoke", "bob", "--keys-file", keys.toString()), "nothing left to revoke");
    }

    private static int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "key";
        System.arraycopy(args, 0, all, 1, args.length);
        return SemisupCli.commandLine().execute(all);
    }
}
