package dev.incidentbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StormControlTest {

    static GroupDigest joined(String group, String fp) {
        Alert a = new Alert("alertmanager", fp, group, Alert.Status.FIRING, Map.of("alertname", "Storm"), Map.of(), null, null, null);
        return new GroupDigest("alertmanager", group, "INC-2026-001", null, List.of(a), 1, List.of(), 0, -1, false);
    }

    @Test
    void aThousandChangesOfAGroupBecomeTwoPostsWithTheRightCount() throws Exception {
        List<GroupDigest> posted = new CopyOnWriteArrayList<>();
        try (StormControl storm = new StormControl(Duration.ofMillis(300), posted::add)) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 1000; i++) {
                int n = i;
                pool.submit(() -> storm.submit(joined("g", "fp" + n)));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (posted.stream().mapToInt(GroupDigest::firingCount).sum() < 1000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertThat(posted.stream().mapToInt(GroupDigest::firingCount).sum()).isEqualTo(1000);
        assertThat(posted).as("first at once, the rest merged at the end of the window").hasSizeLessThanOrEqualTo(3);
        assertThat(posted.get(posted.size() - 1).firing()).hasSizeLessThanOrEqualTo(GroupDigest.EXAMPLES);
    }

    @Test
    void groupsAreLimitedSeparately() throws Exception {
        List<GroupDigest> posted = new CopyOnWriteArrayList<>();
        try (StormControl storm = new StormControl(Duration.ofSeconds(30), posted::add)) {
            storm.submit(joined("a", "1"));
            storm.submit(joined("b", "2"));
            storm.submit(joined("a", "3"));
            assertThat(posted).extracting(GroupDigest::groupKey).containsExactly("a", "b");
            assertThat(storm.pending()).isEqualTo(1);
        }
        assertThat(posted).as("close delivers what waits").extracting(GroupDigest::groupKey).containsExactly("a", "b", "a");
    }
}
