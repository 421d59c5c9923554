package io.github.pbxredundancy.transport.ssh;

import java.io.IOException;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPEngine;
import net.schmizz.sshj.sftp.SFTPException;

/**
 * The free space of the standby's inbox file system, where the server tells it
 * ({@code statvfs@openssh.com}, which OpenSSH's SFTP server offers). SFTP version 3 has no status
 * for a full disk, so OpenSSH answers a write that found no space with a bare "Failure"; asking
 * for the free space tells that apart from other failures, and lets a delivery that cannot fit
 * stop before its first byte instead of after the last.
 */
final class RemoteFreeSpace {
    private static final String EXTENSION = "statvfs";
    private static final String DOMAIN = "openssh.com";

    private RemoteFreeSpace() {
    }

    /**
     * @param engine the SFTP session
     * @param path a path on the file system in question
     * @return the bytes an unprivileged user may still write there, or empty if the server does
     *     not say (no extension, an error, an answer that makes no sense)
     */
    static OptionalLong of(SFTPEngine engine, String path) {
        if (!engine.supportsServerExtension(EXTENSION, DOMAIN)) {
            return OptionalLong.empty();
        }
        try {
            Response response = engine.request(engine.newExtendedRequest(EXTENSION + "@" + DOMAIN).putString(path))
                    .retrieve(engine.getTimeoutMs(), TimeUnit.MILLISECONDS);
            if (response.getType() != PacketType.EXTENDED_REPLY) {
                return OptionalLong.empty();
            }
            response.readUInt64(); // f_bsize
            long fragmentSize = response.readUInt64();
            response.readUInt64(); // f_blocks
            response.readUInt64(); // f_bfree
            long available = response.readUInt64();
            if (fragmentSize <= 0 || available < 0 || fragmentSize > (1L << 30)) {
                return OptionalLong.empty();
            }
            return OptionalLong.of(available > Long.MAX_VALUE / fragmentSize ? Long.MAX_VALUE : available * fragmentSize);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /** @return whether {@code e} is the bare failure OpenSSH sends for a write that found no space, among others */
    static boolean isGenericFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SFTPException sftp && sftp.getStatusCode() == Response.StatusCode.FAILURE) {
                return true;
            }
        }
        return false;
    }
}
