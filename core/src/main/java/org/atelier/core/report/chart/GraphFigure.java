package org.atelier.core.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A directed acyclic graph drawn left to right: boxes with a few lines of text (e.g. a
 * computational graph's operations with their values) and arrows between them, optionally
 * labelled. Each node sits in the column of its longest path from a source; within a column nodes
 * are ordered by the mean row of their predecessors, which keeps small graphs free of crossings.
 * Sources are tinted blue, sinks orange. JFreeChart has no graph drawing, so this is Java 2D.
 *
 * <pre>{@code
 * GraphFigure.builder().title("f(x) = ln x")
 *     .node("x", List.of("x", "2.0000")).node("f", List.of("ln x", "0.6931"))
 *     .edge("x", "f", "1/x = 0.5")
 *     .build();
 * }</pre>
 */
public final class GraphFigure implements Figure {

    private static final int MARGIN = 30;
    private static final int TITLE_HEIGHT = 50;
    private static final int PADDING = 10;
    private static final int COLUMN_GAP = 150;
    private static final int ROW_GAP = 40;
    private static final Color SOURCE = new Color(0xD6EAF8);
    private static final Color SINK = new Color(0xFDEBD0);
    private static final Color INNER = new Color(0xF2F2F2);
    private static final Color EDGE = new Color(0x555555);
    private static final Color EDGE_LABEL = new Color(0x0072B2);

    private final String title;
    private final String caption;
    private final Map<String, List<String>> nodes;
    private final List<Edge> edges;

    private GraphFigure(Builder builder) {
        this.title = builder.title;
        this.caption = builder.caption;
        this.nodes = new LinkedHashMap<>(builder.nodes);
        this.edges = List.copyOf(builder.edges);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public BufferedImage render() {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        Layout layout = layout(measure);
        measure.dispose();
        BufferedImage canvas = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            ChartStyle.antialias(g);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, layout.width, layout.height);
            g.setColor(Color.BLACK);
            g.setFont(ChartStyle.TITLE_FONT);
            FontMetrics titleMetrics = g.getFontMetrics();
            g.drawString(title, (layout.width - titleMetrics.stringWidth(title)) / 2, MARGIN + titleMetrics.getAscent() / 2);
            edges.forEach(edge -> drawEdge(g, layout.boxes.get(edge.from), layout.boxes.get(edge.to)));
            edges.forEach(edge -> drawEdgeLabel(g, edge, layout.boxes.get(edge.from), layout.boxes.get(edge.to)));
            nodes.forEach((id, lines) -> drawNode(g, id, lines, layout.boxes.get(id)));
            if (!caption.isEmpty()) {
                g.setFont(ChartStyle.TICK_FONT);
                g.setColor(Color.DARK_GRAY);
                g.drawString(caption, MARGIN, layout.height - MARGIN / 2 - g.getFontMetrics().getDescent());
            }
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** Columns by longest path, rows by the barycentre of predecessors, boxes sized to their text. */
    private Layout layout(Graphics2D g) {
        Map<String, Integer> column = new HashMap<>();
        for (String id : nodes.keySet()) {
            column.put(id, edges.stream().filter(e -> e.to.equals(id)).mapToInt(e -> column.get(e.from) + 1).max()
                    .orElse(0));
        }
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        List<List<String>> byColumn = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            byColumn.add(new ArrayList<>());
        }
        nodes.keySet().forEach(id -> byColumn.get(column.get(id)).add(id));
        Map<String, Double> row = new HashMap<>();
        for (List<String> ids : byColumn) {
            Map<String, Double> key = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                double fallback = i;
                key.put(id, edges.stream().filter(e -> e.to.equals(id)).mapToDouble(e -> row.get(e.from)).average()
                        .orElse(fallback));
            }
            ids.sort(Comparator.comparingDouble(key::get));
            for (int i = 0; i < ids.size(); i++) {
                row.put(ids.get(i), (double) i);
            }
        }
        g.setFont(ChartStyle.LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = metrics.getHeight();
        Map<String, int[]> size = new HashMap<>();
        nodes.forEach((id, lines) -> size.put(id, new int[] {
            lines.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 2 * PADDING,
            lines.size() * lineHeight + 2 * PADDING}));
        int[] columnWidth = new int[columns];
        int[] columnHeight = new int[columns];
        for (int c = 0; c < columns; c++) {
            for (String id : byColumn.get(c)) {
                columnWidth[c] = Math.max(columnWidth[c], size.get(id)[0]);
                columnHeight[c] += size.get(id)[1] + ROW_GAP;
            }
            columnHeight[c] -= ROW_GAP;
        }
        int contentHeight = java.util.Arrays.stream(columnHeight).max().orElse(0);
        int top = MARGIN + TITLE_HEIGHT;
        Map<String, Box> boxes = new HashMap<>();
        int x = MARGIN;
        for (int c = 0; c < columns; c++) {
            int y = top + (contentHeight - columnHeight[c]) / 2;
            for (String id : byColumn.get(c)) {
                int[] wh = size.get(id);
                boxes.put(id, new Box(x + (columnWidth[c] - wh[0]) / 2, y, wh[0], wh[1]));
                y += wh[1] + ROW_GAP;
            }
            x += columnWidth[c] + COLUMN_GAP;
        }
        g.setFont(ChartStyle.TICK_FONT);
        int captionWidth = caption.isEmpty() ? 0 : g.getFontMetrics().stringWidth(caption);
        g.setFont(ChartStyle.TITLE_FONT);
        int titleWidth = g.getFontMetrics().stringWidth(title);
        int width = Math.max(x - COLUMN_GAP + MARGIN, Math.max(titleWidth, captionWidth) + 2 * MARGIN);
        int height = top + contentHeight + MARGIN + (caption.isEmpty() ? 0 : 2 * MARGIN);
        int shift = (width - (x - COLUMN_GAP + MARGIN)) / 2;
        boxes.replaceAll((id, b) -> new Box(b.x + shift, b.y, b.w, b.h));
        return new Layout(Math.max(width, 400), Math.max(height, 300), boxes);
    }

    private static void drawEdge(Graphics2D g, Box from, Box to) {
        double x1 = from.x + from.w;
        double y1 = from.y + from.h / 2.0;
        double x2 = to.x;
        double y2 = to.y + to.h / 2.0;
        double bend = (x2 - x1) / 2;
        g.setColor(EDGE);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(new CubicCurve2D.Double(x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2));
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - 10, y2 - 5);
        head.lineTo(x2 - 10, y2 + 5);
        head.closePath();
        g.fill(head);
    }

    private static void drawEdgeLabel(Graphics2D g, Edge edge, Box from, Box to) {
        if (edge.label.isEmpty()) {
            return;
        }
        g.setFont(ChartStyle.TICK_FONT);
        FontMetrics metrics = g.getFontMetrics();
        // 60 % of the way along the curve: past the middle, where edges leaving the same node
        // have separated, and before the arrows that meet at a target.
        double x1 = from.x + from.w;
        double y1 = from.y + from.h / 2.0;
        double x2 = to.x;
        double y2 = to.y + to.h / 2.0;
        double t = 0.6;
        double bend = (x2 - x1) / 2;
        double mt = 1 - t;
        double cx = mt * mt * mt * x1 + 3 * mt * mt * t * (x1 + bend) + 3 * mt * t * t * (x2 - bend) + t * t * t * x2;
        double cy = mt * mt * mt * y1 + 3 * mt * mt * t * y1 + 3 * mt * t * t * y2 + t * t * t * y2;
        int w = metrics.stringWidth(edge.label) + 6;
        int h = metrics.getHeight();
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect((int) cx - w / 2, (int) cy - h / 2, w, h);
        g.setColor(EDGE_LABEL);
        g.drawString(edge.label, (int) cx - w / 2 + 3, (int) cy - h / 2 + metrics.getAscent());
    }

    private void drawNode(Graphics2D g, String id, List<String> lines, Box box) {
        boolean source = edges.stream().noneMatch(e -> e.to.equals(id));
        boolean sink = edges.stream().noneMatch(e -> e.from.equals(id));
        RoundRectangle2D shape = new RoundRectangle2D.Double(box.x, box.y, box.w, box.h, 14, 14);
        g.setColor(source ? SOURCE : sink ? SINK : INNER);
        g.fill(shape);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1.4f));
        g.draw(shape);
        g.setFont(ChartStyle.LABEL_FONT);
        FontMetrics metrics = g.getFontMetrics();
        int y = box.y + PADDING + metrics.getAscent();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            g.setColor(i == 0 ? Color.BLACK : Color.DARK_GRAY);
            g.drawString(line, box.x + (box.w - metrics.stringWidth(line)) / 2, y);
            y += metrics.getHeight();
        }
    }

    private record Edge(String from, String to, String label) {}

    private record Box(int x, int y, int w, int h) {}

    private record Layout(int width, int height, Map<String, Box> boxes) {}

    /** Collects nodes and edges; nodes must be added before the edges that touch them. */
    public static final class Builder {
        private String title = "";
        private String caption = "";
        private final Map<String, List<String>> nodes = new LinkedHashMap<>();
        private final List<Edge> edges = new ArrayList<>();

        private Builder() {}

        /** The title over the graph. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** One line under the graph that says how to read it, empty for none. */
        public Builder caption(String caption) {
            this.caption = caption;
            return this;
        }

        /**
         * Adds a node.
         *
         * @param id a name unique in this figure
         * @param lines the text in its box, first line in black, the others grey
         * @return this builder
         */
        public Builder node(String id, List<String> lines) {
            if (nodes.containsKey(id)) {
                throw new IllegalArgumentException("node '" + id + "' was added twice");
            }
            nodes.put(id, List.copyOf(lines));
            return this;
        }

        /**
         * Adds an arrow from an earlier node to a later one (the order nodes were added in must be
         * topological, so the graph cannot have a cycle).
         *
         * @param from the source node's id
         * @param to the target node's id
         * @param label text on the arrow, empty for none
         * @return this builder
         */
        public Builder edge(String from, String to, String label) {
            List<String> ids = new ArrayList<>(nodes.keySet());
            int source = ids.indexOf(from);
            int target = ids.indexOf(to);
            if (source < 0 || target < 0 || source >= target) {
                throw new IllegalArgumentException("an edge needs two added nodes, the source added first: "
                        + from + " → " + to);
            }
            edges.add(new Edge(from, to, label));
            return this;
        }

        /** Builds the figure. */
        public GraphFigure build() {
            if (nodes.isEmpty()) {
                throw new IllegalArgumentException("a graph figure needs at least one node");
            }
            return new GraphFigure(this);
        }
    }
}
