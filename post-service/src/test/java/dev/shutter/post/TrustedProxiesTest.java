package dev.shutter.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Quarkus reads a trusted proxy that is not CIDR as {@code host:port} (a bare IPv6 literal
 * included) and then resolves it on every request: a DNS query per request, and a 5 s stall
 * whenever one times out. Only CIDR entries may be configured.
 */
class TrustedProxiesTest {

    @Test
    void everyTrustedProxyIsACidrRange() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        String proxies = properties.getProperty("quarkus.http.proxy.trusted-proxies");
        assertThat(proxies).isNotBlank();
        assertThat(Arrays.stream(proxies.split(",")).map(String::strip))
                .allSatisfy(entry -> assertThat(entry).matches("[0-9a-fA-F:.]+/\\d{1,3}"));
    }
}
