package dev.latentmpc.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
  @TempDir Path dir;

  @Test
  void quotesOnlyFieldsThatNeedItAndDoublesTheirQuotes() {
    assertThat(Csv.field("plain")).isEqualTo("plain");
    assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
    assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
    assertThat(Csv.line(List.of("a", "b,c", ""))).isEqualTo("a,\"b,c\",\r\n");
  }

  @Test
  void numbersUseADotWhateverTheLocaleAndUnknownsAreEmpty() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      assertThat(Csv.number(0.12345, 3)).isEqualTo("0.123");
    } finally {
      Locale.setDefault(before);
    }
    assertThat(Csv.number(Double.NaN, 3)).isEmpty();
  }

  @Test
  void writesAHeaderAndOneLinePerRowAndRefusesRaggedRows() throws IOException {
    Path file = dir.resolve("t.csv");

    Csv.write(file, List.of("x", "y"), List.of(List.of("1", "2"), List.of("3", "a \"q\"")));

    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .isEqualTo("x,y\r\n1,2\r\n3,\"a \"\"q\"\"\"\r\n");
    assertThatThrownBy(() -> Csv.write(file, List.of("x", "y"), List.of(List.of("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 fields");
  }
}
