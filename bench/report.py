#!/usr/bin/env python3
"""Summary of a UXP benchmark run (bench/run.sh): Python 3 standard library only.

usage: bench/report.py RESULTS.tsv [--out DIR]

Prints the medians per (path, system) (goodput: runs that timed out count as slower than every finished
run, and a median that falls on one reads "timeout"; other columns: medians of the finished runs), the link limit of every path and each system's fraction of it,
and the ratios uxp / best kcp-go, uxp / tcp-bbr, uxp / link limit per path; writes summary.md and three
SVG charts (goodput against loss without and with the bottleneck, p99 RTT under load) into DIR
(default: the TSV's directory).

Link limit of a path = (1 - loss) x rate x payload share:
  - bottleneck paths: rate = the tbf rate (50 Mbit/s), payload share = 1400 / (1400 + 8 UDP + 20 IPv4
    + 14 Ethernet) for 1400-byte datagrams (tbf on a veth counts the Ethernet header);
  - paths without a bottleneck (veth and loopback): rate = what the raw UDP sender got onto the path in
    the same harness run, (datagrams received + datagrams the link dropped) x 1400 B / s (median of the
    udp-raw runs), payload share = 1 (the raw figure is UDP payload already).
"""
import argparse
import csv
import html
import math
import os
import statistics
import sys

PAYLOAD = 1400
WIRE = PAYLOAD + 8 + 20 + 14
MIB = 1048576.0


def num(v):
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def median(values):
    vals = [v for v in values if v is not None]
    return statistics.median(vals) if vals else None


def goodput_median(rs):
    """Median goodput of the runs that finished or timed out; a timed-out run ranks below every finished
    one. None when the median is a timed-out run (or nothing finished)."""
    vals = [num(r["goodput_mibps"]) for r in rs if r["status"] == "ok"]
    vals = [v for v in vals if v is not None] + [-1.0 for r in rs if r["status"] == "timeout"]
    if not vals:
        return None
    m = statistics.median_low(vals)
    return m if m >= 0 else None


def fmt(v, digits=2):
    if v is None:
        return "-"
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.{digits}f}"


def fmtc(v):
    """a count (a median may end in .5)"""
    if v is None:
        return "-"
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def fmtp(frac):
    """a fraction as a percentage, with enough digits for small ones"""
    if frac is None:
        return "-"
    pct = frac * 100
    if pct >= 10:
        return f"{pct:.0f}%"
    return f"{pct:.1f}%" if pct >= 1 else f"{pct:.2f}%"


def fmtr(v):
    """a ratio, to three significant digits"""
    return "-" if v is None else f"{v:.3g}"


def path_key(p):
    """loopback first, then by bottleneck, then by loss."""
    if p["name"] == "loopback":
        return (0, 0, 0, 0)
    return (1, p["bn"], p["delay"], p["loss"])


def load(tsv):
    with open(tsv, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return rows


def summarize(rows):
    paths = {}
    systems = []
    groups = {}
    for r in rows:
        name = r["path"]
        if name not in paths:
            paths[name] = {"name": name, "loss": num(r["loss_pct"]) or 0.0, "delay": num(r["delay_ms"]) or 0.0,
                           "bn": num(r["bottleneck_mbit"]) or 0.0}
        if r["system"] not in systems:
            systems.append(r["system"])
        groups.setdefault((name, r["system"]), []).append(r)
    stats = {}
    for key, rs in groups.items():
        ok = [r for r in rs if r["status"] == "ok"]
        s = {
            "n": len(rs), "ok": len(ok),
            "statuses": sorted({r["status"] for r in rs if r["status"] != "ok"}),
            "goodput": goodput_median(rs),
            "seconds": median(num(r["seconds"]) for r in ok),
            "retrans": median(num(r["retrans"]) for r in ok),
            "drops": median(num(r["drops_link"]) for r in ok),
            "rpd": median(num(r["retrans_per_drop"]) for r in ok),
            # latency under load is meaningful for runs that timed out too
            "p50": median(num(r["rtt_p50_ms"]) for r in rs if r["status"] in ("ok", "timeout")),
            "p99": median(num(r["rtt_p99_ms"]) for r in rs if r["status"] in ("ok", "timeout")),
            "base50": median(num(r["base_rtt_p50_ms"]) for r in rs),
            "base99": median(num(r["base_rtt_p99_ms"]) for r in rs),
            "cc": sorted({r["cc"] for r in ok if r["cc"] not in ("", "-")}),
            "suite": sorted({r["suite"] for r in ok if r["suite"] not in ("", "-")}),
        }
        # the median fell on a run that timed out (slower than every run that finished)
        if s["goodput"] is None and any(r["status"] == "timeout" for r in rs):
            s["timeout"] = True
        raw_rates = []
        if key[1] == "udp-raw":
            for r in ok:
                b, sec, dl = num(r["bytes"]), num(r["seconds"]), num(r["drops_loss"]) or 0.0
                if b and sec:
                    raw_rates.append((b + dl * PAYLOAD) / sec / MIB)
        s["raw_rate"] = median(raw_rates)
        stats[key] = s
    ordered = sorted(paths.values(), key=path_key)
    return ordered, systems, stats


def link_limit(path, stats):
    loss = path["loss"] / 100.0
    if path["bn"]:
        rate = path["bn"] * 1e6 / 8 / MIB
        return (1 - loss) * rate * PAYLOAD / WIRE, f"(1-{loss:g}) x {path['bn']:g} Mbit/s x {PAYLOAD}/{WIRE}"
    raw = stats.get((path["name"], "udp-raw"))
    if raw and raw["raw_rate"]:
        return (1 - loss) * raw["raw_rate"], f"(1-{loss:g}) x udp-raw {raw['raw_rate']:.1f} MiB/s"
    return None, "no udp-raw run"


def ratio(a, b):
    return a / b if a is not None and b else None


def build_tables(paths, systems, stats):
    """Returns (main rows, ratio rows) as lists of lists of strings."""
    head = ["path", "system", "ok/n", "MiB/s", "of limit", "retrans", "link drops", "retx/drop",
            "RTT p50", "RTT p99", "base p50", "base p99", "cc / suite"]
    main = []
    for p in paths:
        limit, _ = link_limit(p, stats)
        for sysname in systems:
            s = stats.get((p["name"], sysname))
            if not s:
                continue
            good = fmt(s["goodput"])
            if s.get("timeout"):
                good = "timeout"
            elif s["ok"] == 0:
                good = ",".join(s["statuses"]) or "-"
            frac = ratio(s["goodput"], limit)
            main.append([p["name"], sysname, f"{s['ok']}/{s['n']}", good,
                         fmtp(frac), fmtc(s["retrans"]), fmtc(s["drops"]), fmt(s["rpd"]),
                         fmt(s["p50"]), fmt(s["p99"]), fmt(s["base50"]), fmt(s["base99"]),
                         (" ".join(s["suite"]) or " ".join(s["cc"])) or "-"])
    rhead = ["path", "link limit MiB/s", "formula", "system", "uxp / best kcp-go", "best kcp-go",
             "uxp / tcp-bbr", "uxp / link limit"]
    ratios = []
    for p in paths:
        limit, formula = link_limit(p, stats)
        kcp = [(stats[(p["name"], s)]["goodput"], s) for s in systems
               if s.startswith("kcpgo-") and (p["name"], s) in stats and stats[(p["name"], s)]["goodput"] is not None]
        best = max(kcp) if kcp else (None, "-")
        bbr = stats.get((p["name"], "tcp-bbr"), {}).get("goodput")
        uxps = [s for s in systems if s in ("uxp", "uxp-fec", "uxp-nodigest") and (p["name"], s) in stats]
        if not uxps:
            ratios.append([p["name"], fmt(limit), formula, "-", "-", best[1], "-", "-"])
        for u in uxps:
            g = stats[(p["name"], u)]["goodput"]
            ratios.append([p["name"], fmt(limit), formula, u, fmtr(ratio(g, best[0])), best[1],
                           fmtr(ratio(g, bbr)), fmtr(ratio(g, limit))])
    return head, main, rhead, ratios


def text_table(head, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(head, *rows)] if rows else [len(h) for h in head]
    line = "  ".join(h.ljust(w) for h, w in zip(head, widths))
    out = [line, "  ".join("-" * w for w in widths)]
    for r in rows:
        out.append("  ".join(str(x).ljust(w) for x, w in zip(r, widths)))
    return "\n".join(out)


def md_table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(x).replace("|", "/") for x in r) + " |")
    return "\n".join(out)


# ------------------------------------------------------------------ SVG
PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
           "#bcbd22", "#17becf", "#393b79", "#637939", "#ad494a", "#000000", "#843c39", "#5254a3"]


def color(i):
    return PALETTE[i % len(PALETTE)]


def line_style(system):
    """(dash pattern, width): uxp solid and thick, kcp-go dashed, TCP dotted"""
    if system.startswith("uxp"):
        return "", 3
    if system.startswith("kcpgo"):
        return "5,3", 1.8
    return "2,3", 1.8


def log_ticks(lo, hi):
    a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    return [10.0 ** e for e in range(a, b + 1)]


def tick_label(v):
    return f"{v:g}" if v >= 0.01 else f"{v:.0e}"


def svg_line_chart(title, series, xs, ylabel, limit=None):
    """series: [(name, {x: y})]; xs: sorted x values (loss %); log y axis; limit: {x: y} drawn dashed."""
    W, H, L, R, T, B = 980, 520, 70, 260, 40, 50
    pw, ph = W - L - R, H - T - B
    ys = [y for _, d in series for y in d.values() if y and y > 0]
    if limit:
        ys += [y for y in limit.values() if y and y > 0]
    if not ys or not xs:
        return None
    lo, hi = min(ys) / 1.5, max(ys) * 1.5
    ticks = log_ticks(lo, hi)
    lo, hi = ticks[0], ticks[-1]
    slot = {x: i for i, x in enumerate(xs)}

    def X(x):  # the loss levels as evenly spaced categories
        return L + (slot[x] + 0.5) / len(xs) * pw

    def Y(y):
        return T + ph - (math.log10(y) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * ph

    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="22" font-size="15" font-weight="bold">{html.escape(title)}</text>']
    for t in ticks:
        o.append(f'<line x1="{L}" x2="{L + pw}" y1="{Y(t):.1f}" y2="{Y(t):.1f}" stroke="#ddd"/>')
        o.append(f'<text x="{L - 6}" y="{Y(t) + 4:.1f}" text-anchor="end">{tick_label(t)}</text>')
    for x in xs:
        o.append(f'<line x1="{X(x):.1f}" x2="{X(x):.1f}" y1="{T}" y2="{T + ph}" stroke="#eee"/>')
        o.append(f'<text x="{X(x):.1f}" y="{T + ph + 18}" text-anchor="middle">{x:g} %</text>')
    o.append(f'<rect x="{L}" y="{T}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>')
    o.append(f'<text x="{L + pw / 2}" y="{H - 10}" text-anchor="middle">random loss each way</text>')
    o.append(f'<text x="16" y="{T + ph / 2}" text-anchor="middle" transform="rotate(-90 16 {T + ph / 2})">'
             f'{html.escape(ylabel)} (log scale)</text>')
    entries = []
    if limit:
        pts = [(X(x), Y(limit[x])) for x in xs if limit.get(x)]
        if pts:
            o.append('<polyline fill="none" stroke="#000" stroke-dasharray="6,4" stroke-width="1.5" points="'
                     + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
            for a, b in pts:
                o.append(f'<line x1="{a - 12:.1f}" x2="{a + 12:.1f}" y1="{b:.1f}" y2="{b:.1f}" stroke="#000" stroke-width="2"/>')
            entries.append(("link limit", "#000", "6,4", 1.5))
    for i, (name, d) in enumerate(series):
        pts = [(X(x), Y(d[x])) for x in xs if d.get(x) and d[x] > 0]
        c = color(i)
        dash, width = line_style(name)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        if len(pts) > 1:
            o.append(f'<polyline fill="none" stroke="{c}" stroke-width="{width}"{dash_attr} points="'
                     + " ".join(f"{a:.1f},{b:.1f}" for a, b in pts) + '"/>')
        for a, b in pts:
            o.append(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3.5" fill="{c}"/>')
        entries.append((name, c, dash, width))
    for j, (name, c, dash, width) in enumerate(entries):
        y = T + 10 + j * 18
        dash = f' stroke-dasharray="{dash}"' if dash else ""
        o.append(f'<line x1="{L + pw + 15}" x2="{L + pw + 40}" y1="{y}" y2="{y}" stroke="{c}" stroke-width="{width}"{dash}/>')
        o.append(f'<text x="{L + pw + 46}" y="{y + 4}">{html.escape(name)}</text>')
    o.append("</svg>")
    return "\n".join(o)


def svg_bar_chart(title, subtitle, groups, names, values, ylabel):
    """groups: path names; names: systems; values[(group, name)] = y; log y axis."""
    ys = [v for v in values.values() if v and v > 0]
    if not ys:
        return None
    per = max(1, len(names))
    bw = 9 if per > 6 else 14
    gw = per * bw + 24
    L, R, T, B = 70, 260, 40, 110
    W = max(900, L + R + gw * len(groups))
    H = 540
    T = 56
    pw, ph = W - L - R, H - T - B
    ticks = log_ticks(min(ys) / 1.5, max(ys) * 1.5)
    lo, hi = ticks[0], ticks[-1]

    def Y(y):
        return T + ph - (math.log10(y) - math.log10(lo)) / (math.log10(hi) - math.log10(lo)) * ph

    o = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
         f'<rect width="{W}" height="{H}" fill="white"/>',
         f'<text x="{L}" y="22" font-size="15" font-weight="bold">{html.escape(title)}</text>',
         f'<text x="{L}" y="40">{html.escape(subtitle)}</text>']
    for t in ticks:
        o.append(f'<line x1="{L}" x2="{L + pw}" y1="{Y(t):.1f}" y2="{Y(t):.1f}" stroke="#ddd"/>')
        o.append(f'<text x="{L - 6}" y="{Y(t) + 4:.1f}" text-anchor="end">{tick_label(t)}</text>')
    o.append(f'<text x="16" y="{T + ph / 2}" text-anchor="middle" transform="rotate(-90 16 {T + ph / 2})">'
             f'{html.escape(ylabel)} (log scale)</text>')
    gstep = pw / max(1, len(groups))
    for gi, g in enumerate(groups):
        x0 = L + gi * gstep + (gstep - per * bw) / 2
        for ni, n in enumerate(names):
            v = values.get((g, n))
            if not v or v <= 0:
                continue
            x = x0 + ni * bw
            y = Y(v)
            o.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bw - 1}" height="{T + ph - y:.1f}" fill="{color(ni)}">'
                     f'<title>{html.escape(g)} {html.escape(n)}: {v:.2f}</title></rect>')
        cx = L + gi * gstep + gstep / 2
        o.append(f'<text x="{cx:.1f}" y="{T + ph + 14}" text-anchor="end" transform="rotate(-35 {cx:.1f} {T + ph + 14})">'
                 f'{html.escape(g)}</text>')
    o.append(f'<rect x="{L}" y="{T}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>')
    for j, n in enumerate(names):
        y = T + 10 + j * 18
        o.append(f'<rect x="{L + pw + 15}" y="{y - 6}" width="18" height="10" fill="{color(j)}"/>')
        o.append(f'<text x="{L + pw + 40}" y="{y + 4}">{html.escape(n)}</text>')
    o.append("</svg>")
    return "\n".join(o)


def charts(paths, systems, stats, outdir):
    written = []
    bulk = [s for s in systems if s != "udp-raw"]
    for bn, fname, label in ((False, "goodput-vs-loss.svg", "no bottleneck"),
                             (True, "goodput-vs-loss-bottleneck.svg", "50 Mbit/s bottleneck")):
        ps = [p for p in paths if p["name"] != "loopback" and bool(p["bn"]) == bn]
        if not ps:
            continue
        delay = ps[0]["delay"]
        xs = sorted({p["loss"] for p in ps})
        series = []
        for s in bulk:
            d = {p["loss"]: stats.get((p["name"], s), {}).get("goodput") for p in ps}
            if any(v for v in d.values()):
                series.append((s, d))
        limit = {p["loss"]: link_limit(p, stats)[0] for p in ps}
        svg = svg_line_chart(f"Goodput against loss, veth {delay:g} ms each way, {label} (median MiB/s)",
                             series, xs, "goodput MiB/s", limit)
        if svg:
            with open(os.path.join(outdir, fname), "w") as f:
                f.write(svg)
            written.append(fname)
    values = {}
    for p in paths:
        for s in bulk:
            v = stats.get((p["name"], s), {}).get("p99")
            if v:
                values[(p["name"], s)] = v
    svg = svg_bar_chart("RTT p99 under load, per path and system",
                        "64 B echo every 10 ms on a second connection beside the bulk transfer; median of the runs' p99",
                        [p["name"] for p in paths], [s for s in bulk if any((p["name"], s) in values for p in paths)],
                        values, "RTT p99 ms")
    if svg:
        with open(os.path.join(outdir, "rtt-p99-under-load.svg"), "w") as f:
            f.write(svg)
        written.append("rtt-p99-under-load.svg")
    return written


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tsv")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    outdir = a.out or os.path.dirname(os.path.abspath(a.tsv))
    os.makedirs(outdir, exist_ok=True)
    rows = load(a.tsv)
    if not rows:
        print("no runs in " + a.tsv)
        return 1
    paths, systems, stats = summarize(rows)
    head, main_rows, rhead, ratio_rows = build_tables(paths, systems, stats)
    formula = ("link limit = (1 - loss) x rate x payload share; bottleneck: rate 50 Mbit/s, share "
               f"{PAYLOAD}/{WIRE} (1400 B UDP payload + UDP, IPv4, Ethernet headers); no bottleneck: rate = "
               "(udp-raw datagrams received + dropped by the link) x 1400 B / s in this run, share 1")
    notes = ("Medians over the runs with status ok. MiB/s: goodput (bytes delivered / time to the receiver's "
             "completion acknowledgement; iperf3: receiver's figure). retrans: the sender's retransmitted segments "
             "(uxp --json, kcp-go DefaultSnmp.RetransSegs, iperf3 retransmits). link drops: datagrams dropped "
             "by random loss + bottleneck queue + veth + NFQUEUE overflow, both directions, all connections "
             "of the run. RTT: 64 B echo every 10 ms on a second connection of the same system during the bulk "
             "transfer (runs that timed out included); base: the same probe on an idle path. A goodput median "
             "that falls on a run that timed out reads 'timeout'.")
    print(notes)
    print()
    print(text_table(head, main_rows))
    print()
    print(formula)
    print()
    print(text_table(rhead, ratio_rows))
    written = charts(paths, systems, stats, outdir)
    md = ["# UXP benchmark summary", "", f"From `{os.path.basename(a.tsv)}` ({len(rows)} runs).", "", notes, "",
          "## Medians per path and system", "", md_table(head, main_rows), "",
          "## Ratios per path", "", formula + ".", "", md_table(rhead, ratio_rows), ""]
    meta = os.path.join(os.path.dirname(os.path.abspath(a.tsv)), "meta.txt")
    if os.path.exists(meta):
        with open(meta) as f:
            md += ["## Machine and run", "", "```", f.read().rstrip(), "```", ""]
    if written:
        md += ["## Charts", ""] + [f"![{w}]({w})" for w in written] + [""]
    with open(os.path.join(outdir, "summary.md"), "w") as f:
        f.write("\n".join(md))
    print()
    print("wrote " + ", ".join(["summary.md"] + written) + " in " + outdir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
