package dev.switchboard.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupChecksTest {

    @TempDir
    Path dir;

    @Test
    void aTakenPortIsNamedWithWhatNeedsIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Standalone.checkPortsFree(Map.of("secrets-service", port), -1))
                    .isInstanceOf(StartupException.class)
                    .hasMessage("port " + port + " (secrets-service) is already in use; "
                            + "stop what holds it or choose other ports with --port");
        }
    }

    @Test
    void aDataDirThatCannotBeWrittenIsRefusedClearly() throws Exception {
        Path file = Files.createFile(dir.resolve("not-a-dir"));
        assertThatThrownBy(() -> DataDirectory.prepare(file.resolve("data")))
                .isInstanceOf(StartupException.class).hasMessageContaining("cannot be created");

        // /proc/self is a directory no one, root included, can create files in
        assertThatThrownBy(() -> DataDirectory.prepare(Path.of("/proc/self")))
                .isInstanceOf(StartupException.class).hasMessageContaining("/proc/self is not writable");
    }

    @Test
    void theSigningKeyIsCreatedOwnerOnlyAndReusedForTokens() throws Exception {
        Path keyFile = dir.resolve("jwt-hmac.key");
        byte[] key = JwtSigningKey.loadOrCreate(keyFile);

        assertThat(key).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(JwtSigningKey.loadOrCreate(keyFile)).isEqualTo(key);

        String token = SwitchboardCommand.token(new TokenOptions("alice", List.of("admin"), dir, Duration.ofHours(1)));
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.verify(new MACVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
        assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin");
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("switchboard");
    }
}
