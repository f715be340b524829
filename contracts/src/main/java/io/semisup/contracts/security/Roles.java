package io.semisup.contracts.security;

import java.util.List;
import java.util.Set;

/**
 * The platform's roles. {@code viewer} reads datasets, jobs and models and classifies; {@code labeller} also uploads
 * and labels; {@code trainer} also submits and cancels jobs and sets retraining policies; {@code admin} may do
 * everything, deleting and pinning included. A caller holds one role and with it the roles it implies.
 */
public final class Roles {

    public static final String VIEWER = "viewer";
    public static final String LABELLER = "labeller";
    public static final String TRAINER = "trainer";
    public static final String ADMIN = "admin";

    /** From least to most allowed (labeller and trainer are side by side: neither implies the other). */
    public static final List<String> ALL = List.of(VIEWER, LABELLER, TRAINER, ADMIN);

    private Roles() {
    }

    /** The roles a caller holding {@code role} has: the role itself and those it implies. */
    public static Set<String> implied(String role) {
        return switch (role) {
            case VIEWER -> Set.of(VIEWER);
            case LABELLER -> Set.of(LABELLER, VIEWER);
            case TRAINER -> Set.of(TRAINER, VIEWER);
            case ADMIN -> Set.copyOf(ALL);
            default -> Set.of(role);
        };
    }

    public static boolean isRole(String role) {
        return ALL.contains(role);
    }
}
