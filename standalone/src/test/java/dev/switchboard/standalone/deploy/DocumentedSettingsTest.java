package dev.switchboard.standalone.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/operations.md lists, per service, exactly the settings its code reads. */
class DocumentedSettingsTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_<>]+)` \\|", Pattern.MULTILINE);

    @Test
    void eachServiceTableListsExactlyWhatTheServiceReads() throws IOException {
        String doc = Files.readString(DeployFiles.root().resolve("docs/operations.md"));
        for (String service : DeployFiles.SERVICES) {
            int start = doc.indexOf("\n### " + service + "\n");
            assertThat(start).as("a section for " + service).isNotNegative();
            int end = doc.indexOf("\n#", start + 5);
            Matcher rows = ROW.matcher(doc.substring(start, end < 0 ? doc.length() : end));
            Set<String> documented = new LinkedHashSet<>();
            while (rows.find()) {
                documented.add(rows.group(1));
            }
            ServiceSettings settings = ServiceSettings.read(DeployFiles.root().resolve(service));
            assertThat(documented).as(service).containsExactlyInAnyOrderElementsOf(settings.byVariable().keySet());
        }
    }
}
