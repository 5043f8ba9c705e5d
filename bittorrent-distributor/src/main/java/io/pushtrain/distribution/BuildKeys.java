package io.pushtrain.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.pushtrain.distribution.artifact.ArtifactEntity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The server's Ed25519 build-signing keys, kept in {@code <data-dir>/signing/}, one file a key,
 * readable by the server's user only. The first start makes one. {@link #rotate()} makes a new
 * one; for {@code pushtrain.distribution.key-overlap} after that, manifests carry both keys'
 * signatures, so a host installed with either accepts them. The JDK signs (Ed25519 since Java 15):
 * no library is needed for it.
 */
@Service
public class BuildKeys {

    private static final Logger log = LoggerFactory.getLogger(BuildKeys.class);
    private static final String ALGORITHM = "Ed25519";

    private final Path folder;
    private final DistributionProperties properties;
    private final Clock clock;
    private volatile List<Key> keys;
    private final Map<String, List<BuildManifest.Signature>> signatures = new ConcurrentHashMap<>();

    @Autowired
    BuildKeys(DistributionProperties properties) {
        this(properties, Clock.systemUTC());
    }

    BuildKeys(DistributionProperties properties, Clock clock) {
        this.folder = properties.dataDir().toAbsolutePath().normalize().resolve("signing");
        this.properties = properties;
        this.clock = clock;
        this.keys = load();
        if (keys.isEmpty()) {
            rotate();
        }
    }

    /** Every key, oldest first, and whether it signs now. */
    public List<ServerKey> keys() {
        List<Key> all = keys;
        List<ServerKey> views = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            views.add(all.get(i).view(signs(all, i)));
        }
        return views;
    }

    /** Makes a new signing key; the one before it keeps signing for the configured overlap. */
    public synchronized ServerKey rotate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Instant now = clock.instant();
            Files.createDirectories(folder);
            Path file = folder.resolve(now.toEpochMilli() + ".key");
            write(file, "private " + base64(pair.getPrivate().getEncoded()) + "\npublic "
                    + base64(pair.getPublic().getEncoded()) + "\n");
            keys = load();
            ServerKey made = keys().stream().filter(k -> k.id().equals(idOf(pair.getPublic()))).findFirst().orElseThrow();
            log.info("Build-signing key {} made in {}; give hosts its public key: {}", made.id(), file, made.publicKey());
            return made;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("this JVM has no Ed25519", ex);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot write a signing key in " + folder, ex);
        }
    }

    /**
     * The manifest with a signature by every key that signs now. Every host asks for its desired
     * build every few seconds, so signatures are kept per manifest and set of signing keys.
     */
    public BuildManifest sign(BuildManifest manifest) {
        List<Key> all = keys;
        List<Key> signing = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (signs(all, i)) {
                signing.add(all.get(i));
            }
        }
        String text = manifest.text();
        String cacheKey = text + signing.stream().map(Key::id).toList();
        if (signatures.size() > 1000) {
            signatures.clear();
        }
        return manifest.signedBy(signatures.computeIfAbsent(cacheKey, k -> signing.stream()
            .map(key -> new BuildManifest.Signature(key.id(), base64(key.sign(text.getBytes(StandardCharsets.UTF_8)))))
            .toList()));
    }

    /** A stored artifact's manifest, signed. */
    BuildManifest manifestOf(ArtifactEntity artifact) {
        return sign(new BuildManifest(artifact.id(), artifact.fileName(), artifact.size(), artifact.sha256(),
                artifact.train(), artifact.push(), null));
    }

    private boolean signs(List<Key> all, int i) {
        if (i == all.size() - 1) {
            return true;
        }
        Instant successor = all.get(i + 1).createdAt();
        return clock.instant().isBefore(successor.plus(properties.distribution().keyOverlap()));
    }

    private List<Key> load() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+\\.key")).map(BuildKeys::read)
                .flatMap(Optional::stream).sorted(Comparator.comparing(Key::createdAt)).toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("cannot read the signing keys in " + folder, ex);
        }
    }

    private static Optional<Key> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String priv = lines.stream().filter(l -> l.startsWith("private ")).findFirst().orElseThrow().substring(8);
            String pub = lines.stream().filter(l -> l.startsWith("public ")).findFirst().orElseThrow().substring(7);
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(priv)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pub)));
            String name = file.getFileName().toString();
            Instant created = Instant.ofEpochMilli(Long.parseLong(name.substring(0, name.length() - 4)));
            return Optional.of(new Key(idOf(publicKey), privateKey, publicKey, created));
        }
        catch (IOException | GeneralSecurityException | RuntimeException ex) {
            log.error("Signing key {} is unreadable and is not used: {}", file, ex.toString());
            return Optional.empty();
        }
    }

    private static void write(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException ex) {
            // A file system without POSIX permissions (Windows): the key is as private as its folder.
            log.warn("{} cannot be made readable by this user only: keep {} private", file, file.getParent());
            Files.createFile(file);
        }
        catch (FileAlreadyExistsException ex) {
            throw new IOException("a signing key made in the same millisecond exists: " + file, ex);
        }
        Files.writeString(file, content, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** A key's id: what a host agent computes from the same public key, and what its refusals name. */
    static String idOf(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 8);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private record Key(String id, PrivateKey privateKey, PublicKey publicKey, Instant createdAt) {

        byte[] sign(byte[] text) {
            try {
                Signature signature = Signature.getInstance(ALGORITHM);
                signature.initSign(privateKey);
                signature.update(text);
                return signature.sign();
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("cannot sign with key " + id, ex);
            }
        }

        ServerKey view(boolean signs) {
            return new ServerKey(id, base64(publicKey.getEncoded()), createdAt, signs);
        }
    }
}
