package io.semisup.security;

import io.semisup.contracts.security.ApiKeys;
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

/**
 * The API keys this service accepts: the key file ({@code semisup.security.api-keys-file}, on Kubernetes a mounted
 * Secret), read again when it changes, so a key is added or revoked without a restart. A file that cannot be read
 * keeps the keys read last (a half-written file does not lock everyone out); no file means no key is accepted.
 */
@ApplicationScoped
public class ApiKeyStore {

    private static final Logger LOG = Logger.getLogger(ApiKeyStore.class);
    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final Optional<Path> file;
    private volatile Map<String, ApiKeys.Entry> byHash = Map.of();
    private volatile FileTime loaded;
    private volatile long checkedAt;

    public ApiKeyStore(@ConfigProperty(name = "semisup.security.api-keys-file") Optional<Path> file) {
        this.file = file;
        this.checkedAt = System.nanoTime() - 2 * RECHECK_NANOS; // the first request reads the file
        file.ifPresentOrElse(f -> LOG.infof("API keys from %s", f),
                () -> LOG.warn("semisup.security.api-keys-file is not set: no API key is accepted"));
    }

    /** The entry of {@code key}, if the file holds its hash. */
    public Optional<ApiKeys.Entry> find(String key) {
        refresh();
        return Optional.ofNullable(byHash.get(ApiKeys.hash(key)));
    }

    private void refresh() {
        long now = System.nanoTime();
        if (file.isEmpty() || now - checkedAt < RECHECK_NANOS) {
            return;
        }
        synchronized (this) {
            if (now - checkedAt < RECHECK_NANOS) {
                return;
            }
            checkedAt = now;
            Path path = file.get();
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
                if (!byHash.isEmpty() || loaded == null) {
                    LOG.warnf("no API key file at %s: no API key is accepted", path);
                }
                byHash = Map.of();
                loaded = null;
            } catch (IOException | IllegalArgumentException e) {
                LOG.errorf("cannot read the API key file %s (%s): keeping the %d keys read before", path,
                        e.getMessage(), byHash.size());
            }
        }
    }
}
