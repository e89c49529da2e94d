package io.github.timcallback.groupfull;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "10.1.20.200", "::", "::1", "1::",
        "2001:db8::1", "2001:DB8:0:0:8:800:200C:417A", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8", "::ffff:192.0.2.128", "64:ff9b::192.0.2.33", "1:2:3:4:5:6:1.2.3.4",
        "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"})
    void acceptsAddressLiterals(String address) {
        assertTrue(IpLiteral.isValid(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.0.0.1", "01.2.3.4", "1.2.3.-4",
        "1..2.3", "1.2.3.4 ", " 1.2.3.4", "1.2.3.4.", "abcd", ":", ":::", "1:2", "1:::2", "1::2::3", ":1::",
        "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "::1%eth0", "[::1]", "1:2:3:4:5:6:7:1.2.3.4",
        "::1.2.3", "::1.2.3.256", "1:", "١٢٧.0.0.1"})
    void rejectsEverythingElse(String text) {
        assertFalse(IpLiteral.isValid(text), text);
    }
}
