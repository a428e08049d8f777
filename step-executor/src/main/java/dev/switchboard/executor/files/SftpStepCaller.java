package dev.switchboard.executor.files;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.secret.SecretResolver;
import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** SFTP steps ({@code sftp://} connectors); see {@link FileStepCaller}. */
@Component
class SftpStepCaller extends FileStepCaller {

    SftpStepCaller(SecretResolver secrets, ConnectorResilience resilience, EgressPolicy egress, FileSessions sessions,
            FileCallProperties properties, JsonMapper json) {
        super(StepKind.SFTP, new SftpSessionOpener(new EgressGate(egress)), secrets, resilience, sessions, properties,
                json);
    }

    @PreDestroy
    void stop() {
        ((SftpSessionOpener) opener()).close();
    }
}
