package io.semisup.contracts.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    @Test
    void aKeyIsStoredAsItsSha256() {
        // FIPS 180-2's test vector for "abc".
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.hash("abc"));
        String key = ApiKeys.generate();
        assertNotEquals(key, ApiKeys.generate());
        assertTrue(key.matches("sk_[A-Za-z0-9_-]{43}"), key);
        ApiKeys.Entry entry = ApiKeys.entry(key, Roles.TRAINER, "ci");
        assertEquals(List.of(entry), ApiKeys.parse(List.of("# comment", "", entry.line())));
    }

    @Test
    void aBadLineOrRoleIsRefusedWithWhere() {
        String hash = ApiKeys.hash("k");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ApiKeys.parse(List.of(hash + " admin a", hash + " root b"))).getMessage().contains("line 2"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parse(List.of("abc admin a")));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.entry("k", "root", "a"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.entry("k", Roles.ADMIN, "a b"));
    }

    @Test
    void rolesImplyTheLesserOnes() {
        assertEquals(Set.copyOf(Roles.ALL), Roles.implied(Roles.ADMIN));
        assertEquals(Set.of(Roles.LABELLER, Roles.VIEWER), Roles.implied(Roles.LABELLER));
        assertEquals(Set.of(Roles.TRAINER, Roles.VIEWER), Roles.implied(Roles.TRAINER));
        assertEquals(Set.of(Roles.VIEWER), Roles.implied(Roles.VIEWER));
    }
}
