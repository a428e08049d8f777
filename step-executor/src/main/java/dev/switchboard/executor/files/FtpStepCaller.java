package dev.switchboard.executor.files;

import dev.switchboard.contracts.event.StepKind;
import dev.switchboard.executor.egress.EgressPolicy;
import dev.switchboard.executor.resilience.ConnectorResilience;
import dev.switchboard.executor.secret.SecretResolver;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** FTP and FTPS steps ({@code ftp://}, {@code ftps://} connectors); see {@link FileStepCaller}. */
@Component
class FtpStepCaller extends FileStepCaller {

    FtpStepCaller(SecretResolver secrets, ConnectorResilience resilience, EgressPolicy egress, FileSessions sessions,
            FileCallProperties properties, JsonMapper json) {
        super(StepKind.FTP, new FtpSessionOpener(new EgressGate(egress), properties), secrets, resilience, sessions,
                properties, json);
    }
}
