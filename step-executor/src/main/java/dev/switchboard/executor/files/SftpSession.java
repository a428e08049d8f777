package dev.switchboard.executor.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

/** One SSH session with its SFTP channel (Apache MINA SSHD). */
final class SftpSession implements FileSession {

    private final ClientSession session;
    private final SftpClient sftp;

    SftpSession(ClientSession session, SftpClient sftp) {
        this.session = session;
        this.sftp = sftp;
    }

    @Override
    public List<RemoteEntry> list(String path) throws IOException {
        List<RemoteEntry> entries = new ArrayList<>();
        try {
            for (SftpClient.DirEntry entry : sftp.readDir(path)) {
                if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                    entries.add(entry(entry.getFilename(), entry.getAttributes()));
                }
            }
        } catch (SftpException e) {
            throw refused("list", path, e);
        }
        return entries;
    }

    @Override
    public Optional<RemoteEntry> stat(String path) throws IOException {
        try {
            return Optional.of(entry(path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1),
                    sftp.stat(path)));
        } catch (SftpException e) {
            if (missing(e)) {
                return Optional.empty();
            }
            throw refused("stat", path, e);
        }
    }

    @Override
    public byte[] read(String path, long maxBytes) throws IOException {
        try (InputStream in = sftp.read(path)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw FileCallException.tooLarge(path, maxBytes);
            }
            return bytes;
        } catch (SftpException e) {
            throw refused("get", path, e);
        }
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(content);
        } catch (SftpException e) {
            throw refused("put", path, e);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        refusedAs("delete", path, () -> sftp.remove(path));
    }

    @Override
    public void rename(String from, String to) throws IOException {
        refusedAs("rename", from, () -> sftp.rename(from, to));
    }

    @Override
    public void mkdir(String path) throws IOException {
        refusedAs("mkdir", path, () -> sftp.mkdir(path));
    }

    @Override
    public void rmdir(String path) throws IOException {
        refusedAs("rmdir", path, () -> sftp.rmdir(path));
    }

    /** The SSH transport notices a closed connection by itself, so no round trip is needed here. */
    @Override
    public boolean usable(Duration idle) {
        return session.isOpen() && !session.isClosing() && sftp.isOpen() && !sftp.isClosing();
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException ignored) {
            // the session goes anyway
        }
        session.close(true);
    }

    /** One request whose SFTP status, if it fails, becomes the server's refusal in our terms. */
    private static void refusedAs(String what, String path, Request request) throws IOException {
        try {
            request.run();
        } catch (SftpException e) {
            throw refused(what, path, e);
        }
    }

    @FunctionalInterface
    private interface Request {
        void run() throws IOException;
    }

    private static boolean missing(SftpException e) {
        return e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE || e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_PATH;
    }

    private static FileCallException refused(String what, String path, SftpException e) {
        if (missing(e) && !what.equals("put") && !what.equals("mkdir")) {
            return new FileCallException("FILE_NOT_FOUND", "nothing at " + path + " (SFTP: " + e.getMessage() + ")",
                    false);
        }
        return new FileCallException("FILE_ERROR", "the SFTP server refused " + what + " " + path + ": "
                + SftpConstants.getStatusName(e.getStatus()) + " " + e.getMessage(), false);
    }

    private static RemoteEntry entry(String name, SftpClient.Attributes attributes) {
        String type = attributes.isDirectory() ? RemoteEntry.DIRECTORY : attributes.isSymbolicLink() ? RemoteEntry.LINK
                : attributes.isRegularFile() ? RemoteEntry.FILE : RemoteEntry.OTHER;
        Long size = attributes.getFlags().contains(SftpClient.Attribute.Size) ? attributes.getSize() : null;
        return new RemoteEntry(name, type, size, attributes.getModifyTime() == null ? null
                : attributes.getModifyTime().toInstant());
    }
}
