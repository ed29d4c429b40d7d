package dev.launchguard.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "OPENAI_API_KEY=sk-proj-abc123def456ghi789jkl | OPENAI_API_KEY=[REDACTED]",
        "java -Ddb.password=hunter2 -jar app.jar | java -Ddb.password=[REDACTED] -jar app.jar",
        "server --api-key 9f8e7d6c5b4a --port 8080 | server --api-key [REDACTED] --port 8080",
        "--password=correct-horse | --password=[REDACTED]",
        "{\"client_secret\": \"s3cr3t-value\", \"n\": 1} | {\"client_secret\": \"[REDACTED]\", \"n\": 1}",
        "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9xyz | Authorization: Bearer [REDACTED]",
        "connecting to postgres://app:pa55w0rd@db.local:5432/x | connecting to postgres://app:[REDACTED]@db.local:5432/x",
        "aws key AKIAIOSFODNN7EXAMPLE in use | aws key [REDACTED] in use",
        "token ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789 pushed | token [REDACTED] pushed",
        "config apiKey: abc-123 loaded | config apiKey: [REDACTED] loaded",
        "X-Api-Key: 0123456789abcdef | X-Api-Key: [REDACTED]",
        "HF_TOKEN=hf_abcdefghijklmnop | HF_TOKEN=[REDACTED]",
    })
    void hidesSecretLookingValues(String in, String out) {
        assertThat(Redactor.redact(in)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "max_tokens=128 temperature=0.7",
        "Found one Java-level deadlock:",
        "\"worker-1\" #12 prio=5 os_prio=0 cpu=3.21ms tid=0x00007f1c2c0b8000 nid=0x1a2b waiting for monitor entry",
        "- waiting to lock <0x000000008a3b1c28> (a java.lang.Object)",
        "keyboard=us monkey=3 tokens: 42",
        "at java.security.KeyStore.load(KeyStore.java:1473)",
        "Thread 1990 (idle): \"MainThread\"",
        "    blocking_handler (blocking_server.py:20)",
        "12 -> socket:[483920]",
        "GET /v2/health/ready HTTP/1.1 200",
        "ssh-keygen -t ed25519 done",
        "the token file is ~/.launchguard/token",
    })
    void leavesOrdinaryTextAlone(String text) {
        assertThat(Redactor.redact(text)).isEqualTo(text);
    }

    @org.junit.jupiter.api.Test
    void hidesAPrivateKeyBlockWhole() {
        String pem = "before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----\nafter";
        assertThat(Redactor.redact(pem)).isEqualTo("before\n[REDACTED]\nafter");
    }
}
