// The headline chart of docs/benchmarks.md, drawn as plain SVG so the harness needs no plotting
// dependency. One bar per headline comparison and runtime, on a log scale centred on 1x: a bar to
// the left means Corral costs less than the peer. The tick on each bar is its target.

const width = 960;
const labelWidth = 430;
const rowHeight = 22;
const top = 46;
const bottomAxis = 40;
const minRatio = 0.005;
const maxRatio = 200;
const colors = { hit: '#2e7d32', miss: '#c62828', other: '#9e9e9e' };

function escapeXml(text) {
  return String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** SVG text of the chart for `rows` ({ label, ratio, targetMax, verdict }). */
export function headlineChart(rows, title) {
  const plotLeft = labelWidth + 10;
  const plotWidth = width - plotLeft - 20;
  const x = (ratio) => {
    const clamped = Math.min(maxRatio, Math.max(minRatio, ratio));
    return plotLeft + (plotWidth * (Math.log10(clamped) - Math.log10(minRatio))) / (Math.log10(maxRatio) - Math.log10(minRatio));
  };
  const height = top + rows.length * rowHeight + bottomAxis;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
    `<text x="10" y="37" fill="#555">Corral / peer cost ratio, log scale; left of 1x Corral is faster or smaller. Tick: target. Green: hit, red: miss.</text>`,
  ];
  for (const tick of [0.01, 0.1, 1, 10, 100]) {
    parts.push(`<line x1="${x(tick)}" y1="${top - 4}" x2="${x(tick)}" y2="${height - bottomAxis + 4}" stroke="${tick === 1 ? '#333' : '#ddd'}"/>`);
    parts.push(`<text x="${x(tick)}" y="${height - bottomAxis + 18}" text-anchor="middle" fill="#333">${tick}x</text>`);
  }
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const color = colors[row.verdict] ?? colors.other;
    parts.push(`<text x="${labelWidth}" y="${y + 15}" text-anchor="end">${escapeXml(row.label)}</text>`);
    if (Number.isFinite(row.ratio)) {
      const a = x(Math.min(1, row.ratio));
      const b = x(Math.max(1, row.ratio));
      parts.push(`<rect x="${a}" y="${y + 4}" width="${Math.max(1, b - a)}" height="${rowHeight - 8}" fill="${color}"/>`);
      // Right of the bar's outer end for a cost above 1x, right of the 1x line below it: never
      // over the labels.
      parts.push(`<text x="${b + 4}" y="${y + 15}" fill="#222">${escapeXml(row.ratioText)}</text>`);
    } else {
      parts.push(`<text x="${x(1) + 6}" y="${y + 15}" fill="#777">${escapeXml(row.ratioText)}</text>`);
    }
    if (Number.isFinite(row.targetMax)) {
      parts.push(`<line x1="${x(row.targetMax)}" y1="${y + 1}" x2="${x(row.targetMax)}" y2="${y + rowHeight - 1}" stroke="#000" stroke-width="2"/>`);
    }
  });
  parts.push(`<text x="${plotLeft}" y="${height - 6}" fill="#555">← Corral cheaper</text>`);
  parts.push(`<text x="${width - 20}" y="${height - 6}" text-anchor="end" fill="#555">Corral costlier →</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
