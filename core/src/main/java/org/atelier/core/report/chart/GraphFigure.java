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
        return ChartStyle.paint(layout.width, layout.height, g -> {
            g.setColor(Color.BLACK);
            g.setFont(ChartStyle.TITLE_FONT);
            FontMetrics titleMetrics = g.getFontMetrics();
            g.drawString(title, (layout.width - titleMetrics.stringWidth(title)) / 2, MARGIN + titleMetrics.getAscent() / 2);
            List<double[][]> routes = edges.stream().map(edge -> route(edge, layout)).toList();
            routes.forEach(route -> drawEdge(g, route));
            for (int i = 0; i < edges.size(); i++) {
                drawEdgeLabel(g, edges.get(i).label, routes.get(i));
            }
            nodes.forEach((id, lines) -> drawNode(g, id, lines, layout.boxes.get(id)));
            if (!caption.isEmpty()) {
                g.setFont(ChartStyle.TICK_FONT);
                g.setColor(Color.DARK_GRAY);
                g.drawString(caption, MARGIN, layout.height - MARGIN / 2 - g.getFontMetrics().getDescent());
            }
        });
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
        // The gap before a column fits the widest label of the arrows that end in it.
        g.setFont(ChartStyle.TICK_FONT);
        FontMetrics labelMetrics = g.getFontMetrics();
        int[] gap = new int[columns];
        for (Edge edge : edges) {
            int c = column.get(edge.to);
            gap[c] = Math.max(gap[c], labelMetrics.stringWidth(edge.label) + 60);
        }
        int contentHeight = java.util.Arrays.stream(columnHeight).max().orElse(0);
        // ROW_GAP above and below the boxes: room for edges routed around a column
        int top = MARGIN + TITLE_HEIGHT + ROW_GAP;
        Map<String, Box> boxes = new HashMap<>();
        int x = MARGIN;
        for (int c = 0; c < columns; c++) {
            x += c == 0 ? 0 : Math.max(COLUMN_GAP, gap[c]);
            int y = top + (contentHeight - columnHeight[c]) / 2;
            for (String id : byColumn.get(c)) {
                int[] wh = size.get(id);
                boxes.put(id, new Box(x + (columnWidth[c] - wh[0]) / 2, y, wh[0], wh[1]));
                y += wh[1] + ROW_GAP;
            }
            x += columnWidth[c];
        }
        g.setFont(ChartStyle.TICK_FONT);
        int captionWidth = caption.isEmpty() ? 0 : g.getFontMetrics().stringWidth(caption);
        g.setFont(ChartStyle.TITLE_FONT);
        int titleWidth = g.getFontMetrics().stringWidth(title);
        int width = Math.max(x + MARGIN, Math.max(titleWidth, captionWidth) + 2 * MARGIN);
        int height = top + contentHeight + ROW_GAP + MARGIN + (caption.isEmpty() ? 0 : MARGIN);
        int shift = (width - (x + MARGIN)) / 2;
        boxes.replaceAll((id, b) -> new Box(b.x + shift, b.y, b.w, b.h));
        return new Layout(Math.max(width, 400), Math.max(height, 300), boxes, column);
    }

    /**
     * The points an edge passes: its port on the source's right side, one point beside each column it
     * skips (above or below that column's boxes, whichever side the edge's ends are nearer), and its
     * port on the target's left side. Ports spread the edges of one side over its height in the
     * order of the nodes at their other ends, so that edges do not start or end on top of each other.
     */
    private double[][] route(Edge edge, Layout layout) {
        Box from = layout.boxes.get(edge.from);
        Box to = layout.boxes.get(edge.to);
        List<Edge> outgoing = edges.stream().filter(e -> e.from.equals(edge.from))
                .sorted(Comparator.comparingInt(e -> layout.boxes.get(e.to).y)).toList();
        List<Edge> incoming = edges.stream().filter(e -> e.to.equals(edge.to))
                .sorted(Comparator.comparingInt(e -> layout.boxes.get(e.from).y)).toList();
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {from.x + from.w, from.y + from.h * (outgoing.indexOf(edge) + 1.0) / (outgoing.size() + 1)});
        double middle = (from.y + from.h / 2.0 + to.y + to.h / 2.0) / 2;
        for (int c = layout.column.get(edge.from) + 1; c < layout.column.get(edge.to); c++) {
            int column = c;
            List<Box> between = layout.boxes.entrySet().stream().filter(e -> layout.column.get(e.getKey()) == column)
                    .map(Map.Entry::getValue).toList();
            int top = between.stream().mapToInt(b -> b.y).min().orElse(0);
            int bottom = between.stream().mapToInt(b -> b.y + b.h).max().orElse(0);
            int centre = between.stream().mapToInt(b -> b.x + b.w / 2).findFirst().orElse(0);
            points.add(new double[] {centre, middle > (top + bottom) / 2.0 ? bottom + ROW_GAP / 2.0 : top - ROW_GAP / 2.0});
        }
        points.add(new double[] {to.x, to.y + to.h * (incoming.indexOf(edge) + 1.0) / (incoming.size() + 1)});
        return points.toArray(double[][]::new);
    }

    /** Smooth segments through the route's points, leaving and entering each horizontally, and an arrowhead. */
    private static void drawEdge(Graphics2D g, double[][] route) {
        g.setColor(EDGE);
        g.setStroke(new BasicStroke(1.6f));
        for (int i = 0; i + 1 < route.length; i++) {
            g.draw(segment(route[i], route[i + 1]));
        }
        double[] end = route[route.length - 1];
        Path2D head = new Path2D.Double();
        head.moveTo(end[0], end[1]);
        head.lineTo(end[0] - 10, end[1] - 5);
        head.lineTo(end[0] - 10, end[1] + 5);
        head.closePath();
        g.fill(head);
    }

    private static CubicCurve2D segment(double[] a, double[] b) {
        double bend = (b[0] - a[0]) / 2;
        return new CubicCurve2D.Double(a[0], a[1], a[0] + bend, a[1], b[0] - bend, b[1], b[0], b[1]);
    }

    /**
     * The label on the route's last segment, 60 % of the way along it: past the middle, where edges
     * that left the same node have separated, and before the arrows that meet at the target.
     */
    private static void drawEdgeLabel(Graphics2D g, String label, double[][] route) {
        if (label.isEmpty()) {
            return;
        }
        g.setFont(ChartStyle.TICK_FONT);
        FontMetrics metrics = g.getFontMetrics();
        double[] a = route[route.length - 2];
        double[] b = route[route.length - 1];
        double t = 0.6;
        double mt = 1 - t;
        double bend = (b[0] - a[0]) / 2;
        double cx = mt * mt * mt * a[0] + 3 * mt * mt * t * (a[0] + bend) + 3 * mt * t * t * (b[0] - bend) + t * t * t * b[0];
        double cy = mt * mt * mt * a[1] + 3 * mt * mt * t * a[1] + 3 * mt * t * t * b[1] + t * t * t * b[1];
        int w = metrics.stringWidth(label) + 6;
        int h = metrics.getHeight();
        g.setColor(new Color(255, 255, 255, 225));
        g.fillRect((int) cx - w / 2, (int) cy - h / 2, w, h);
        g.setColor(EDGE_LABEL);
        g.drawString(label, (int) cx - w / 2 + 3, (int) cy - h / 2 + metrics.getAscent());
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

    private record Layout(int width, int height, Map<String, Box> boxes, Map<String, Integer> column) {}

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
