package io.pg2polar.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine the figures come from: cores, CPU model, memory. */
final class MachineFacts {

    private MachineFacts() {}

    static String describe() {
        String cpu = "unknown CPU";
        long memoryMb = -1;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .orElse(cpu);
            memoryMb = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                    .orElse(-1L);
        } catch (IOException e) {
            // facts stay unknown; the figures are still printed
        }
        return String.format(
                "Machine: %d cores, %s, %d MB RAM, Java %s",
                Runtime.getRuntime().availableProcessors(), cpu, memoryMb, System.getProperty("java.version"));
    }
}
