package dev.switchboard.executor.http;

import dev.switchboard.executor.pagination.Paginator;
import dev.switchboard.expressions.JavaScriptSandbox;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class HttpCallConfig {

    /** For pagination's stopCondition: the same sandbox and limits as the orchestrator's expressions. */
    @Bean
    JavaScriptSandbox javaScriptSandbox(@Value("${switchboard.expressions.timeout:1s}") Duration timeout) {
        return new JavaScriptSandbox(timeout);
    }

    @Bean
    Paginator paginator(JavaScriptSandbox javaScript) {
        return new Paginator(javaScript);
    }
}
