package dev.switchboard.secrets.crypto;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class CryptoConfig {

    @Bean
    KeyRing keyRing(SecretsKeyProperties properties) {
        return KeyRing.from(properties);
    }

    @Bean
    SecretCipher secretCipher(KeyRing keys) {
        return new SecretCipher(keys);
    }
}
