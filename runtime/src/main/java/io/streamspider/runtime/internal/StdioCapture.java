package io.streamspider.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps stdout for the protocol and stderr silent: under a real host the first stderr byte gets the
 * spider killed (docs/real-host.md "Fatal conditions"). {@code System.out}, {@code System.err},
 * java.util.logging and uncaught exceptions become log records.
 */
public final class StdioCapture {
  private final OutputStream protocolOut;
  private final PrintStream realErr;
  private volatile BiConsumer<String, String> sink;
  private final StringBuilder early = new StringBuilder();
  private static volatile StdioCapture installed;

  /** The JDK's own loggers stay at INFO: their FINE records are the JDK's, not the spider's. */
  private static final String[] JDK_LOGGERS = {"java", "javax", "jdk", "sun", "com.sun"};

  /** Held so that their levels stay set (java.util.logging keeps loggers weakly). */
  private static final java.util.List<Logger> KEPT = new java.util.ArrayList<>();

  /** Instantiated by LogManager on first use of java.util.logging. */
  public static final class JulConfig {
    public JulConfig() {
      StdioCapture c = installed;
      Logger root = Logger.getLogger("");
      for (Handler h : root.getHandlers()) {
        root.removeHandler(h);
      }
      Level level = LogSink.julLevel(); // -s LOG_LEVEL, as for every logging library
      root.setLevel(level);
      if (level.intValue() < Level.INFO.intValue()) {
        synchronized (KEPT) {
          for (String name : JDK_LOGGERS) {
            Logger l = Logger.getLogger(name);
            l.setLevel(Level.INFO);
            KEPT.add(l);
          }
        }
      }
      if (c != null) {
        root.addHandler(c.new JulHandler());
      }
    }
  }

  private StdioCapture(OutputStream protocolOut, PrintStream realErr) {
    this.protocolOut = protocolOut;
    this.realErr = realErr;
  }

  /** Installs the capture; until {@link #connect} records are held in memory. */
  public static StdioCapture install() {
    return install(new FileOutputStream(FileDescriptor.out), System.err);
  }

  /**
   * Installs the capture with {@code protocolOut} as the protocol's stdout (in-process spiders: a
   * pipe to the host) and {@code realErr} for errors before any host conversation.
   */
  public static StdioCapture install(OutputStream protocolOut, PrintStream realErr) {
    StdioCapture c = new StdioCapture(protocolOut, realErr);
    System.setOut(new PrintStream(c.new LineStream("INFO"), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(c.new LineStream("ERROR"), true, StandardCharsets.UTF_8));
    // java.util.logging is set up when first used (LogManager reads this property then), so a
    // spider that never logs through it does not pay for its start-up
    installed = c;
    System.setProperty("java.util.logging.config.class", JulConfig.class.getName());
    Thread.setDefaultUncaughtExceptionHandler(
        new Thread.UncaughtExceptionHandler() {
          @Override
          public void uncaughtException(Thread t, Throwable e) {
            c.emit("ERROR", "uncaught exception in thread " + t.getName() + "\n" + trace(e));
          }
        });
    return c;
  }

  /** The capture of this process, or null before {@link #install}. */
  static StdioCapture installed() {
    return installed;
  }

  /** The process's real stdout, for the protocol writer only. */
  public OutputStream protocolOut() {
    return protocolOut;
  }

  /** The process's real stderr, for usage errors before any host conversation. */
  public PrintStream realErr() {
    return realErr;
  }

  /** From now on, records go to {@code sink} (level, message); held ones first. */
  public void connect(BiConsumer<String, String> sink) {
    synchronized (early) {
      this.sink = sink;
      if (early.length() > 0) {
        for (String line : early.toString().split("\u0000")) {
          int tab = line.indexOf('\t');
          sink.accept(line.substring(0, tab), line.substring(tab + 1));
        }
        early.setLength(0);
      }
    }
  }

  /** Records held before {@link #connect}; for a usage error path. */
  public String drainEarly() {
    synchronized (early) {
      String s = early.toString().replace('\u0000', '\n');
      early.setLength(0);
      return s;
    }
  }

  void emit(String level, String message) {
    BiConsumer<String, String> s = sink;
    if (s == null) {
      synchronized (early) {
        if (sink == null) {
          early.append(level).append('\t').append(message).append('\u0000');
          return;
        }
        s = sink;
      }
    }
    s.accept(level, message);
  }

  static String trace(Throwable e) {
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    return w.toString().stripTrailing();
  }

  /** Turns bytes into one record per line. */
  private final class LineStream extends OutputStream {
    private final String level;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineStream(String level) {
      this.level = level;
    }

    @Override
    public synchronized void write(int b) {
      if (b == '\n') {
        flushLine();
      } else {
        line.write(b);
      }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      int start = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          line.write(b, start, i - start);
          flushLine();
          start = i + 1;
        }
      }
      line.write(b, start, off + len - start);
    }

    @Override
    public synchronized void flush() {
      if (line.size() > 0) {
        flushLine();
      }
    }

    private void flushLine() {
      String s = line.toString(StandardCharsets.UTF_8);
      line.reset();
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      emit(level, s);
    }
  }

  private final class JulHandler extends Handler {
    @Override
    public void publish(LogRecord r) {
      if (r == null || !isLoggable(r)) {
        return;
      }
      int v = r.getLevel().intValue();
      String level =
          v >= Level.SEVERE.intValue()
              ? "ERROR"
              : v >= Level.WARNING.intValue()
                  ? "WARNING"
                  : v >= Level.INFO.intValue() ? "INFO" : "DEBUG";
      String msg = r.getMessage();
      if (r.getParameters() != null && msg != null && msg.contains("{")) {
        msg = java.text.MessageFormat.format(msg, r.getParameters());
      }
      String text = "[" + r.getLoggerName() + "] " + msg;
      if (r.getThrown() != null) {
        text += "\n" + trace(r.getThrown());
      }
      emit(level, text);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
