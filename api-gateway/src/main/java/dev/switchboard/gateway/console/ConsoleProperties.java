package dev.switchboard.gateway.console;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code assetsDir}: serve the console's files from this folder instead of the jar, so someone
 * working on the console edits and reloads without a rebuild (env
 * {@code SWITCHBOARD_CONSOLE_ASSETSDIR}). Unset in production.
 */
@ConfigurationProperties("switchboard.console")
record ConsoleProperties(Path assetsDir) {
}
