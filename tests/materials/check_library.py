#!/usr/bin/env python3
"""Check the Heterion material library (parameter_files/materials/*.prm).

Usage: python3 tests/materials/check_library.py DIRECTORY

Python 3 standard library only. For every *.prm file in DIRECTORY it checks:

* the file holds only comments, blank lines and `set Name = value` lines
  (no `subsection`, `end` or `include`: the file is included textually
  inside one material subsection);
* every `set` line has a comment on the same line or directly above it
  (a block of comment lines with no blank line in between) that gives the
  entry's unit or a citation, and a provenance class: `[published ...]`,
  `[model parameter from ...]` or `[estimate...]`;
* the entry names are those of a material subsection, each set at most once;
* the values are in range: D > 0 (a number, or a muParser expression of
  theta evaluated on 0 <= theta <= 1), c_max > 0, E > 0, 0 <= nu < 0.5,
  rho > 0, sigma_e > 0, kappa > 0, k > 0, c_ref >= 0, activation energies
  >= 0, finite Omega and dU/dT; the open-circuit potential is a built-in
  name, `table:FILE`, or an expression that is finite and in (0, 6) V on
  0 <= theta <= 1;
* the header tag `# theoretical capacity: <number> mAh/g` is present and
  agrees within 3 % with c_max F / (3600 rho), F = 96485.33 C/mol;
* a `# pair: <file>` tag names an existing file of DIRECTORY whose own pair
  tag points back.

It prints one summary line per material and exits with status 1, after
listing every failure as `FILE:LINE: message`, if any check fails.

The expression evaluator understands the subset of muParser used by the
library: numbers, theta, pi, + - * / ^ (right-associative power), unary
minus, parentheses and the functions exp, ln, log10, log2, sqrt, abs, sin,
cos, tan, sinh, cosh, tanh, min, max. Anything else (e.g. `?:`) is reported
as an error rather than accepted unchecked.
"""

import ast
import math
import os
import re
import sys

FARADAY = 96485.33  # C/mol
CAPACITY_TOLERANCE = 0.03

# Entry -> accepted unit spellings (any one must appear in the comment,
# unless the comment carries a citation).
UNITS = {
    "Diffusivity": ["m^2/s"],
    "Maximum concentration": ["mol/m^3"],
    "Young modulus": ["Pa"],
    "Poisson ratio": ["[-]"],
    "Partial molar volume": ["m^3/mol"],
    "Reference concentration": ["mol/m^3"],
    "Electronic conductivity": ["S/m"],
    "Ionic conductivity": ["S/m"],
    "Reaction rate constant": ["m^2.5 mol^-0.5 s^-1"],
    "Open-circuit potential": ["[V]", "V vs Li"],
    "Density": ["kg/m^3"],
    "Diffusivity activation energy": ["J/mol"],
    "Reaction activation energy": ["J/mol"],
    "Electronic conductivity activation energy": ["J/mol"],
    "Ionic conductivity activation energy": ["J/mol"],
    "Entropic coefficient": ["V/K"],
}
ALLOWED = set(UNITS)

BUILTIN_OCP = {
    "LiMn2O4_Doyle1996",
    "graphite_Chen2020",
    "NMC811_Chen2020",
    "LiFePO4_Prada2013",
    "Si_amorphous_lithiation_Verbrugge2015",
    "Si_amorphous_delithiation_Verbrugge2015",
    "Si_crystalline_plateau",
}

PROVENANCE = re.compile(
    r"\[(published|model parameter from|estimate)", re.IGNORECASE)
CITATION = re.compile(
    r"((19|20)\d\d)|PyBaMM|BattMo|MPET|doi:", re.IGNORECASE)
SET_LINE = re.compile(r"^\s*set\s+([^=]+?)\s*=\s*(.*)$")
CAPACITY_TAG = re.compile(
    r"^#\s*theoretical capacity:\s*([0-9.eE+-]+)\s*mAh/g\s*$")
PAIR_TAG = re.compile(r"^#\s*pair:\s*(\S+)\s*$")

THETA_SAMPLES = [i / 200.0 for i in range(201)]


class ExpressionError(Exception):
    pass


def _min(*args):
    return min(args)


def _max(*args):
    return max(args)


FUNCTIONS = {
    "exp": math.exp,
    "ln": math.log,
    "log10": math.log10,
    "log2": math.log2,
    "sqrt": math.sqrt,
    "abs": abs,
    "sin": math.sin,
    "cos": math.cos,
    "tan": math.tan,
    "sinh": math.sinh,
    "cosh": math.cosh,
    "tanh": math.tanh,
    "min": _min,
    "max": _max,
}
CONSTANTS = {"pi": math.pi, "_pi": math.pi}


def compile_expression(text):
    """Parses a muParser expression of theta into a Python AST (checked)."""
    if re.search(r"[?:<>=!&|]", text):
        raise ExpressionError("unsupported operator in '%s'" % text)
    # muParser's ^ is the power operator; Python's ** is right-associative
    # as well, and binds tighter than unary minus in both.
    tree = ast.parse(text.replace("^", "**"), mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp,
                             ast.Load, ast.Add, ast.Sub, ast.Mult, ast.Div,
                             ast.Pow, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and isinstance(
                node.value, (int, float)):
            continue
        if isinstance(node, ast.Name):
            if node.id == "theta" or node.id in CONSTANTS \
                    or node.id in FUNCTIONS:
                continue
            raise ExpressionError("unknown name '%s'" % node.id)
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name) and node.func.id in FUNCTIONS \
                    and not node.keywords:
                continue
            raise ExpressionError("unsupported function call")
        raise ExpressionError(
            "unsupported syntax (%s)" % type(node).__name__)
    return compile(tree, "<expression>", "eval")


def evaluate(code, theta):
    namespace = dict(FUNCTIONS)
    namespace.update(CONSTANTS)
    namespace["theta"] = theta
    try:
        value = eval(code, {"__builtins__": {}}, namespace)
    except (ArithmeticError, ValueError) as error:
        raise ExpressionError("evaluation failed at theta = %g: %s"
                              % (theta, error))
    return float(value)


def as_number(text):
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class Material:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        self.entries = {}       # name -> (value text, line number)
        self.capacity = None    # (stated, line)
        self.pair = None        # (file, line)
        self.errors = []

    def error(self, line, message):
        self.errors.append("%s:%d: %s" % (self.path, line, message))


def parse(path):
    material = Material(path)
    with open(path, encoding="utf-8") as stream:
        lines = stream.read().split("\n")
    comment_block = []          # comments directly above the current line
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            comment_block = []
            continue
        if line.startswith("#"):
            comment_block.append(line)
            tag = CAPACITY_TAG.match(line)
            if tag:
                if material.capacity is not None:
                    material.error(number, "second '# theoretical capacity:'")
                value = as_number(tag.group(1))
                if value is None or value <= 0:
                    material.error(number, "capacity tag is not a positive "
                                   "number")
                else:
                    material.capacity = (value, number)
            elif line.lower().startswith("# theoretical capacity"):
                material.error(number, "malformed capacity tag; expected "
                               "'# theoretical capacity: <number> mAh/g'")
            tag = PAIR_TAG.match(line)
            if tag:
                if material.pair is not None:
                    material.error(number, "second '# pair:' tag")
                material.pair = (tag.group(1), number)
            continue
        match = SET_LINE.match(line)
        if not match:
            first = line.split()[0]
            material.error(number, "only comments and 'set Name = value' "
                           "lines are allowed here, found '%s'" % first)
            comment_block = []
            continue
        name = " ".join(match.group(1).split())
        rest = match.group(2)
        value, _, trailing = rest.partition("#")
        value = value.strip()
        comment = " ".join(comment_block)
        if trailing:
            comment += " #" + trailing
        check_comment(material, number, name, comment)
        if name not in ALLOWED:
            material.error(number, "unknown entry '%s' (allowed: %s)"
                           % (name, ", ".join(sorted(ALLOWED))))
        elif name in material.entries:
            material.error(number, "'%s' is set twice (first on line %d)"
                           % (name, material.entries[name][1]))
        elif not value:
            material.error(number, "'%s' has no value" % name)
        else:
            material.entries[name] = (value, number)
            check_value(material, number, name, value)
        comment_block = []
    return material


def check_comment(material, number, name, comment):
    if not comment.strip():
        material.error(number, "'%s' has no comment on the same line or "
                       "directly above it" % name)
        return
    units = UNITS.get(name, [])
    has_unit = any(unit in comment for unit in units)
    if not has_unit and not CITATION.search(comment):
        material.error(number, "the comment of '%s' gives neither its unit "
                       "(%s) nor a citation" % (name, " or ".join(units)))
    if not PROVENANCE.search(comment):
        material.error(number, "the comment of '%s' has no provenance class "
                       "([published ...], [model parameter from ...] or "
                       "[estimate: ...])" % name)


def check_expression_range(material, number, name, text, low, high,
                           strict_low=True):
    try:
        code = compile_expression(text)
        values = [evaluate(code, theta) for theta in THETA_SAMPLES]
    except (ExpressionError, SyntaxError) as error:
        material.error(number, "%s: cannot evaluate '%s': %s"
                       % (name, text, error))
        return
    for theta, value in zip(THETA_SAMPLES, values):
        below = value <= low if strict_low else value < low
        if not math.isfinite(value) or below or value >= high:
            material.error(number, "%s = %g at theta = %g is outside "
                           "(%g, %g)" % (name, value, theta, low, high))
            return


POSITIVE = {
    "Maximum concentration", "Young modulus", "Density",
    "Electronic conductivity", "Ionic conductivity",
    "Reaction rate constant",
}
NON_NEGATIVE = {
    "Reference concentration", "Diffusivity activation energy",
    "Reaction activation energy",
    "Electronic conductivity activation energy",
    "Ionic conductivity activation energy",
}


def check_value(material, number, name, text):
    if name == "Diffusivity":
        if as_number(text) is None:
            check_expression_range(material, number, name, text, 0.0,
                                   math.inf)
        elif as_number(text) <= 0:
            material.error(number, "Diffusivity must be > 0, got %s" % text)
        return
    if name == "Open-circuit potential":
        if text in BUILTIN_OCP or text.startswith("table:"):
            return
        check_expression_range(material, number, name, text, 0.0, 6.0)
        return
    value = as_number(text)
    if value is None:
        material.error(number, "%s must be a number, got '%s'" % (name, text))
        return
    if name in POSITIVE and not value > 0:
        material.error(number, "%s must be > 0, got %s" % (name, text))
    elif name in NON_NEGATIVE and value < 0:
        material.error(number, "%s must be >= 0, got %s" % (name, text))
    elif name == "Poisson ratio" and not 0 <= value < 0.5:
        material.error(number, "Poisson ratio must lie in [0, 0.5), got %s"
                       % text)


def capacity_of(material):
    """c_max F / (3600 rho) [mAh/g], or None if c_max or rho is missing."""
    try:
        c_max = float(material.entries["Maximum concentration"][0])
        rho = float(material.entries["Density"][0])
    except (KeyError, ValueError):
        return None
    if c_max <= 0 or rho <= 0:
        return None
    return c_max * FARADAY / (3600.0 * rho)


def check_library(directory):
    names = sorted(n for n in os.listdir(directory) if n.endswith(".prm"))
    if not names:
        print("%s: no *.prm files" % directory)
        return 1
    materials = {n: parse(os.path.join(directory, n)) for n in names}

    for name, material in materials.items():
        computed = capacity_of(material)
        for entry in ("Maximum concentration", "Density"):
            if entry not in material.entries:
                material.error(1, "'%s' is not set, so the capacity cannot "
                               "be checked" % entry)
        if material.capacity is None:
            material.error(1, "no '# theoretical capacity: <number> mAh/g' "
                           "line")
        elif computed is not None:
            stated, line = material.capacity
            if abs(computed / stated - 1) > CAPACITY_TOLERANCE:
                material.error(
                    material.entries["Maximum concentration"][1],
                    "c_max F/(3600 rho) = %.1f mAh/g differs by %.1f %% from "
                    "the stated %.1f mAh/g (line %d; tolerance %.0f %%)"
                    % (computed, 100 * (computed / stated - 1), stated, line,
                       100 * CAPACITY_TOLERANCE))
        if material.pair is not None:
            other, line = material.pair
            if other == name:
                material.error(line, "the pair tag names the file itself")
            elif other not in materials:
                material.error(line, "pair '%s' does not exist in %s"
                               % (other, directory))
            else:
                back = materials[other].pair
                if back is None or back[0] != name:
                    material.error(line, "pair '%s' does not point back "
                                   "(its pair tag is %s)"
                                   % (other, back[0] if back else "missing"))

    failures = []
    print("%-22s %10s %10s %8s  %-22s %s"
          % ("material", "stated", "c_max/rho", "diff", "pair", "status"))
    for name, material in materials.items():
        computed = capacity_of(material)
        stated = material.capacity[0] if material.capacity else None
        diff = ("%+.2f%%" % (100 * (computed / stated - 1))
                if computed and stated else "-")
        print("%-22s %10s %10s %8s  %-22s %s"
              % (name,
                 "%.1f" % stated if stated else "-",
                 "%.1f" % computed if computed else "-",
                 diff,
                 material.pair[0] if material.pair else "-",
                 "ok" if not material.errors else
                 "FAILED (%d)" % len(material.errors)))
        failures.extend(material.errors)
    print("capacities in mAh/g; c_max/rho = c_max F / (3600 rho), "
          "F = %.2f C/mol" % FARADAY)
    if failures:
        print("\n%d check(s) failed:" % len(failures))
        for failure in failures:
            print("  " + failure)
        return 1
    print("all %d materials pass" % len(materials))
    return 0


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print(__doc__.strip().split("\n")[2])
        return 2
    return check_library(argv[1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
