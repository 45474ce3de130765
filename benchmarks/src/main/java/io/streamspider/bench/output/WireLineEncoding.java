package io.streamspider.bench.output;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.streamspider.runtime.internal.output.WireLine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Micro benchmark (issue 4): the encoding step of {@code FifoWriter.item} alone, {@link
 * WireLine#item} into its reusable buffer, against Jackson's own ASCII-escaping writer ({@code
 * writeValueAsBytes} with ESCAPE_NON_ASCII, what a plain Java writer would do) on the same
 * ~300-byte items as {@link FifoWriterThroughput}, as maps and as records. No pipe, no lock.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.streamspider.bench.output.WireLineEncoding} (prints ns per item and ratios).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class WireLineEncoding {
  private static final int ITEMS = 1024;
  private static final ObjectWriter JACKSON_ASCII =
      new ObjectMapper().writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private final List<Map<String, Object>> maps = new ArrayList<>();
  private final List<FifoWriterThroughput.Product> records = new ArrayList<>();
  private final WireLine line = new WireLine();
  private int next;

  @Setup
  public void setup() {
    ObjectMapper json = new ObjectMapper();
    for (int i = 0; i < ITEMS; i++) {
      Map<String, Object> m = FifoWriterThroughput.item(i);
      maps.add(m);
      records.add(json.convertValue(m, FifoWriterThroughput.Product.class));
    }
  }

  private int index() {
    int i = next;
    next = (i + 1) & (ITEMS - 1);
    return i;
  }

  @Benchmark
  public byte[] jacksonMap() throws IOException {
    return JACKSON_ASCII.writeValueAsBytes(maps.get(index()));
  }

  @Benchmark
  public byte[] jacksonRecord() throws IOException {
    return JACKSON_ASCII.writeValueAsBytes(records.get(index()));
  }

  @Benchmark
  public int wireLineMap() {
    String refused = line.item(maps.get(index()));
    if (refused != null) {
      throw new IllegalStateException(refused);
    }
    return line.length();
  }

  @Benchmark
  public int wireLineRecord() {
    String refused = line.item(records.get(index()));
    if (refused != null) {
      throw new IllegalStateException(refused);
    }
    return line.length();
  }

  public static void main(String[] args) throws Exception {
    Collection<RunResult> results =
        new Runner(new OptionsBuilder().include(WireLineEncoding.class.getName() + "\\.").build())
            .run();
    Map<String, Double> ns = new TreeMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      ns.put(name.substring(name.lastIndexOf('.') + 1), r.getPrimaryResult().getScore());
    }
    System.out.printf("%nper item (ns): %s%n", ns);
    System.out.printf(
        "maps:    WireLine %.0f ns, Jackson ASCII writer %.0f ns: %.2fx faster%n",
        ns.get("wireLineMap"), ns.get("jacksonMap"), ns.get("jacksonMap") / ns.get("wireLineMap"));
    System.out.printf(
        "records: WireLine %.0f ns, Jackson ASCII writer %.0f ns: %.2fx faster%n",
        ns.get("wireLineRecord"),
        ns.get("jacksonRecord"),
        ns.get("jacksonRecord") / ns.get("wireLineRecord"));
  }
}
