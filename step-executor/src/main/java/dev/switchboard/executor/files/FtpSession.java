package dev.switchboard.executor.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.commons.net.ftp.FTPReply;

/**
 * One logged-in FTP(S) control connection. Listings use MLSD/MLST where the server has them (exact
 * types, sizes and UTC times), else LIST as parsed by Commons Net.
 */
final class FtpSession implements FileSession {

    /** After this long unused, a NOOP proves the server has not dropped the connection meanwhile. */
    private static final Duration TRUSTED_IDLE = Duration.ofSeconds(1);

    private final FTPClient client;
    private final boolean machineListings;

    FtpSession(FTPClient client, boolean machineListings) {
        this.client = client;
        this.machineListings = machineListings;
    }

    @Override
    public List<RemoteEntry> list(String path) throws IOException {
        FTPFile[] files = machineListings ? client.mlistDir(path) : client.listFiles(path);
        if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
            throw refused("list", path);
        }
        List<RemoteEntry> entries = new ArrayList<>();
        for (FTPFile file : files) {
            if (file != null && !file.getName().equals(".") && !file.getName().equals("..")) {
                String name = file.getName().contains("/") ? file.getName().substring(file.getName().lastIndexOf('/')
                        + 1) : file.getName();
                entries.add(entry(name, file));
            }
        }
        return entries;
    }

    @Override
    public Optional<RemoteEntry> stat(String path) throws IOException {
        String name = path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
        if (machineListings) {
            FTPFile file = client.mlistFile(path);
            if (file != null) {
                return Optional.of(entry(name, file));
            }
            if (FTPReply.isNegativePermanent(client.getReplyCode())) {
                return Optional.empty();
            }
            throw refused("stat", path);
        }
        // without MLST: a directory is one we can change into, a file is what LIST shows of itself
        String was = client.printWorkingDirectory();
        if (client.changeWorkingDirectory(path)) {
            client.changeWorkingDirectory(was);
            return Optional.of(new RemoteEntry(name, RemoteEntry.DIRECTORY, null, null));
        }
        FTPFile[] files = client.listFiles(path);
        for (FTPFile file : files) {
            if (file != null && (file.getName().equals(name) || file.getName().endsWith("/" + name))) {
                return Optional.of(entry(name, file));
            }
        }
        return Optional.empty();
    }

    @Override
    public byte[] read(String path, long maxBytes) throws IOException {
        InputStream in = client.retrieveFileStream(path);
        if (in == null) {
            throw refused("get", path);
        }
        byte[] bytes;
        try (in) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                // the rest of the transfer is abandoned, and the session with it (the caller drops it)
                throw FileCallException.tooLarge(path, maxBytes);
            }
        }
        if (!client.completePendingCommand()) {
            throw refused("get", path);
        }
        return bytes;
    }

    @Override
    public void write(String path, byte[] content) throws IOException {
        if (!client.storeFile(path, new ByteArrayInputStream(content))) {
            throw refused("put", path);
        }
    }

    @Override
    public void delete(String path) throws IOException {
        if (!client.deleteFile(path)) {
            throw refused("delete", path);
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        if (!client.rename(from, to)) {
            throw refused("rename", from);
        }
    }

    @Override
    public void mkdir(String path) throws IOException {
        if (!client.makeDirectory(path)) {
            throw refused("mkdir", path);
        }
    }

    @Override
    public void rmdir(String path) throws IOException {
        if (!client.removeDirectory(path)) {
            throw refused("rmdir", path);
        }
    }

    @Override
    public boolean usable(Duration idle) {
        if (!client.isConnected()) {
            return false;
        }
        try {
            return idle.compareTo(TRUSTED_IDLE) < 0 || client.sendNoOp();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.logout();
            }
        } catch (IOException ignored) {
            // the server may have gone first
        } finally {
            try {
                client.disconnect();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** The server's refusal, in its words: 550 is {@code FILE_NOT_FOUND} only when nothing is there. */
    private FileCallException refused(String what, String path) throws IOException {
        int code = client.getReplyCode();
        String reply = FtpSessionOpener.reply(client);
        if (code == FTPReply.FILE_UNAVAILABLE && !what.equals("stat") && !what.equals("put")
                && !what.equals("mkdir") && stat(path).isEmpty()) {
            return new FileCallException("FILE_NOT_FOUND", "nothing at " + path + " (FTP " + reply + ")", false);
        }
        return new FileCallException("FILE_ERROR", "the FTP server refused " + what + " " + path + ": " + reply,
                false);
    }

    private static RemoteEntry entry(String name, FTPFile file) {
        String type = file.isDirectory() ? RemoteEntry.DIRECTORY : file.isSymbolicLink() ? RemoteEntry.LINK
                : file.isFile() ? RemoteEntry.FILE : RemoteEntry.OTHER;
        Calendar time = file.getTimestamp();
        return new RemoteEntry(name, type, file.getSize() >= 0 ? file.getSize() : null,
                time == null ? null : time.toInstant());
    }
}
