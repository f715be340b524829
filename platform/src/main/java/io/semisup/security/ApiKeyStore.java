package io.semisup.security;

import io.semisup.contracts.security.ApiKeys;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The API keys this service accepts: the key file ({@code semisup.security.api-keys-file}, on Kubernetes a mounted
 * Secret), read again when it changes, so a key is added or revoked without a restart. A file that cannot be read
 * keeps the keys read last (a half-written file does not lock everyone out); no file means no key is accepted.
 * <p>
 * {@link #find} runs on the event loop of every authenticated request, so a known key is answered from memory and
 * the file is checked for changes (a revoked key) by a background thread, at most once a second; an unknown key reads
 * the file on the spot (at most once a second too), so a key just added works on its first use.
 */
@ApplicationScoped
public class ApiKeyStore {

    private static final Logger LOG = Logger.getLogger(ApiKeyStore.class);
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Optional<Path> file;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final ExecutorService checker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "api-key-file");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, ApiKeys.Entry> byHash = Map.of();
    private volatile FileTime loaded;
    private volatile boolean read;
    private volatile long checkedAt;

    public ApiKeyStore(@ConfigProperty(name = "semisup.security.api-keys-file") Optional<Path> file) {
        this.file = file;
        file.ifPresentOrElse(f -> LOG.infof("API keys from %s", f),
                () -> LOG.warn("semisup.security.api-keys-file is not set: no API key is accepted"));
    }

    /** The entry of {@code key}, if the file holds its hash. */
    public Optional<ApiKeys.Entry> find(String key) {
        String hash = ApiKeys.hash(key);
        ApiKeys.Entry entry = byHash.get(hash);
        if (file.isPresent() && (!read || due())) {
            if (entry == null) {
                // A key just added must work on its first use: an unknown key reads the file now (at most once a
                // second, so unknown keys sent in a stream cost one read a second).
                synchronized (this) {
                    if (!read || due()) {
                        reload(file.get());
                    }
                }
                entry = byHash.get(hash);
            } else if (checking.compareAndSet(false, true)) {
                checker.execute(() -> {
                    try {
                        reload(file.get());
                    } finally {
                        checking.set(false);
                    }
                });
            }
        }
        return Optional.ofNullable(entry);
    }

    private boolean due() {
        return System.nanoTime() - checkedAt >= RECHECK_NANOS;
    }

    /** Synchronized: the background check and an unknown key's read on the spot may come at once. */
    private synchronized void reload(Path path) {
        checkedAt = System.nanoTime();
        try {
            FileTime modified = Files.getLastModifiedTime(path);
            if (modified.equals(loaded)) {
                return;
            }
            List<ApiKeys.Entry> entries = ApiKeys.parse(Files.readAllLines(path));
            Map<String, ApiKeys.Entry> next = new HashMap<>();
            entries.forEach(e -> next.put(e.hash(), e));
            byHash = Map.copyOf(next);
            loaded = modified;
            LOG.infof("%d API keys from %s", next.size(), path);
        } catch (NoSuchFileException e) {
            if (!byHash.isEmpty() || !read) {
                LOG.warnf("no API key file at %s: no API key is accepted", path);
            }
            byHash = Map.of();
            loaded = null;
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("cannot read the API key file %s (%s): keeping the %d keys read before", path,
                    e.getMessage(), byHash.size());
        } finally {
            read = true;
        }
    }

    @PreDestroy
    void close() {
        checker.shutdownNow();
    }
}
