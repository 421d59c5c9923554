package io.github.pbxredundancy.transport.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Verifies the host key of one connection by a {@link HostKeyPolicy} and remembers why it refused
 * a key, so that the failure SSHJ reports can be told apart: unknown or changed. One instance per
 * connection; SSHJ calls it on its reader thread, the transport reads the outcome afterwards.
 */
final class HostKeyCheck implements HostKeyVerifier {
    /** Why a key was refused, or that it was trusted on first use. */
    enum Outcome { NONE, UNKNOWN, CHANGED, NOT_RECORDED }

    private final HostKeyPolicy policy;
    private final OpenSSHKnownHosts knownHosts;
    private volatile Outcome outcome = Outcome.NONE;
    private volatile String offered;
    private volatile IOException recordFailure;

    private HostKeyCheck(HostKeyPolicy policy) throws IOException {
        this.policy = policy;
        if (policy instanceof HostKeyPolicy.KnownHosts known) {
            this.knownHosts = new Recording(known.file().toFile(), false);
        } else if (policy instanceof HostKeyPolicy.TrustOnFirstUse tofu) {
            this.knownHosts = new Recording(tofu.file().toFile(), true);
        } else {
            this.knownHosts = null;
        }
    }

    /**
     * @param policy the policy
     * @return a check for one connection; a known_hosts file is read now
     * @throws IOException if the known_hosts file exists but cannot be read
     */
    static HostKeyCheck of(HostKeyPolicy policy) throws IOException {
        return new HostKeyCheck(policy);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        offered = fingerprint(key);
        if (knownHosts != null) {
            return knownHosts.verify(hostname, port, key);
        }
        String pinned = ((HostKeyPolicy.PinnedFingerprint) policy).fingerprint();
        boolean same = MessageDigest.isEqual(pinned.getBytes(StandardCharsets.US_ASCII),
                offered.getBytes(StandardCharsets.US_ASCII));
        if (!same) {
            outcome = Outcome.CHANGED;
        }
        return same;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return knownHosts == null ? List.of() : knownHosts.findExistingAlgorithms(hostname, port);
    }

    /** @return why the last key was refused, {@link Outcome#NONE} if none was */
    Outcome outcome() {
        return outcome;
    }

    /** @return the fingerprint of the key the server offered, or null if none was offered yet */
    String offeredFingerprint() {
        return offered;
    }

    /** @return why trust-on-first-use could not record the key, or null */
    IOException recordFailure() {
        return recordFailure;
    }

    /** @return what the policy checks against, for messages */
    String describePolicy() {
        if (policy instanceof HostKeyPolicy.KnownHosts known) {
            return "the known_hosts file '" + known.file() + "'";
        }
        if (policy instanceof HostKeyPolicy.TrustOnFirstUse tofu) {
            return "the trust-on-first-use file '" + tofu.file() + "'";
        }
        return "the pinned fingerprint " + ((HostKeyPolicy.PinnedFingerprint) policy).fingerprint();
    }

    /**
     * The OpenSSH SHA-256 fingerprint of a key: {@code SHA256:} and the unpadded base64 of the
     * SHA-256 of its SSH wire encoding, as {@code ssh-keygen -lf} prints it.
     *
     * @param key a public key
     * @return its fingerprint
     */
    static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob);
            return HostKeyPolicy.PinnedFingerprint.PREFIX + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A known_hosts file that records why it refused, and on first use trusts and records. */
    private final class Recording extends OpenSSHKnownHosts {
        private final boolean trustOnFirstUse;

        Recording(java.io.File file, boolean trustOnFirstUse) throws IOException {
            super(file);
            this.trustOnFirstUse = trustOnFirstUse;
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            if (!trustOnFirstUse) {
                outcome = Outcome.UNKNOWN;
                return false;
            }
            try {
                HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
                write(entry);
                entries().add(entry);
                log.warn("Trusted the host key {} of {} on first use and recorded it in {}", fingerprint(key),
                        hostname, getFile());
                return true;
            } catch (IOException e) {
                recordFailure = e;
                outcome = Outcome.NOT_RECORDED;
                return false;
            }
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            outcome = Outcome.CHANGED;
            return false;
        }
    }
}
