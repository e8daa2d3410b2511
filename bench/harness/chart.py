"""The PNG chart of time ratios to native (gnuplot), one cluster of bars per program plus the geometric mean."""

import os
import shutil
import subprocess


def write_png(path, program_names, engine_names, ratios, geomeans, title):
    """ratios: program -> engine -> ratio. Returns None, or why no chart was drawn."""
    if not shutil.which("gnuplot"):
        return "gnuplot not installed (Debian package gnuplot-nox)"
    engines = [e for e in engine_names if e != "native"]
    data_path = os.path.splitext(path)[0] + ".dat"
    rows = [(p, [ratios.get(p, {}).get(e) for e in engines]) for p in program_names]
    rows.append(("geomean", [geomeans.get(e) for e in engines]))
    with open(data_path, "w") as f:
        f.write("# program " + " ".join(engines) + "\n")
        for name, values in rows:
            f.write(name + " " + " ".join(f"{v:.4f}" if v else "NaN" for v in values) + "\n")
    top = max([v for _, vs in rows for v in vs if v] + [1.5])
    plot = ", ".join(f"'{data_path}' using {i + 2}:xtic(1) title '{e}'" for i, e in enumerate(engines))
    script = f"""
set terminal pngcairo size 1400,600 font ',10'
set output '{path}'
set title '{title}'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set ylabel 'time / native time (lower is better)'
set yrange [0:{min(top * 1.05, 8):.2f}]
set grid ytics
set key top left
set xtics rotate by -30
set arrow from graph 0, first 1 to graph 1, first 1 nohead lw 2 dt 2 lc rgb 'black'
plot {plot}
"""
    r = subprocess.run(["gnuplot"], input=script, capture_output=True, text=True)
    os.remove(data_path)
    if r.returncode != 0:
        return "gnuplot failed: " + r.stderr.strip()[-200:]
    return None
