package io.pg2polar.it.kit;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadlessChromiumTest {

    @Test
    void aMissingBrowserFailsNamingThePackagesToInstall() {
        IllegalStateException missing = assertThrows(
                IllegalStateException.class,
                () -> HeadlessChromium.requireInstalled(Path.of("/nonexistent/chromium"), HeadlessChromium.DRIVER));
        assertTrue(missing.getMessage().startsWith("/nonexistent/chromium is missing"), missing.getMessage());
        assertTrue(missing.getMessage().contains("apt-get install -y chromium chromium-driver"), missing.getMessage());
    }
}
