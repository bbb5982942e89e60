#include <deal.II/base/utilities.h>

#include <physics/protocols/protocol.h>
#include <solver/input_error.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <sstream>

namespace heterion::protocols
{
  namespace
  {
    std::string
    lower(std::string s)
    {
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return std::tolower(c);
      });
      return s;
    }

    /** Reads the words of one step and reports problems with context. */
    class StepReader
    {
    public:
      StepReader(const std::string &entry,
                 const unsigned int number,
                 const std::string &text)
          : entry(entry)
          , number(number)
          , text(text)
      {
        std::istringstream in(text);
        for (std::string w; in >> w;)
          words.push_back(w);
      }

      bool
      done() const
      {
        return position >= words.size();
      }

      std::string
      next_keyword()
      {
        return lower(words[position++]);
      }

      [[noreturn]] void
      fail(const std::string &problem, const std::string &word) const
      {
        // print_info() is all user_message() reads, so a plain throw gives
        // the same message as AssertThrow.
        throw ExcInput(
          entry + ": step " + std::to_string(number) + " ('" + text + "'): "
          + problem + (word.empty() ? std::string(".") : " at '" + word + "'.")
          + " Steps look like `Discharge at 1C until 3.0 V`, "
            "`Rest for 10 min`, `Charge at 0.5C until 4.2 V`, "
            "`Hold at 4.2 V until C/50`, `Sweep to 3.5 V at 1 mV/s`.");
      }

      /** One quantity: `1C`, `C/50`, `2 mA`, `3.0 V`, `10 min`, ... */
      Quantity
      quantity()
      {
        if (done())
          fail("a number with its unit is missing at the end", "");
        const std::string       word = lower(words[position++]);
        Quantity                q;
        static const std::regex c_over("^c/([0-9.]+(e[+-]?[0-9]+)?)$");
        static const std::regex number_unit(
          "^([+-]?[0-9]*\\.?[0-9]+(e[+-]?[0-9]+)?)([a-z/^0-9]*)$");
        std::smatch m;
        if (std::regex_match(word, m, c_over))
          {
            q.unit  = Quantity::Unit::c_rate;
            q.value = 1. / std::stod(m[1]);
            return q;
          }
        if (!std::regex_match(word, m, number_unit))
          fail("expected a number with a unit", word);
        q.value          = std::stod(m[1]);
        std::string unit = m[3];
        if (unit.empty())
          {
            if (done())
              fail("the unit is missing", word);
            unit = lower(words[position++]);
          }
        struct UnitName
        {
          const char    *name;
          Quantity::Unit unit;
          double         factor;
        };
        static const UnitName units[]
          = {{"c", Quantity::Unit::c_rate, 1.},
             {"a", Quantity::Unit::ampere, 1.},
             {"ma", Quantity::Unit::ampere, 1e-3},
             {"ua", Quantity::Unit::ampere, 1e-6},
             {"na", Quantity::Unit::ampere, 1e-9},
             {"a/m2", Quantity::Unit::current_density, 1.},
             {"a/m^2", Quantity::Unit::current_density, 1.},
             {"ma/cm2", Quantity::Unit::current_density, 10.},
             {"ma/cm^2", Quantity::Unit::current_density, 10.},
             {"v", Quantity::Unit::volt, 1.},
             {"mv", Quantity::Unit::volt, 1e-3},
             {"s", Quantity::Unit::second, 1.},
             {"min", Quantity::Unit::second, 60.},
             {"h", Quantity::Unit::second, 3600.},
             {"v/s", Quantity::Unit::volt_per_second, 1.},
             {"mv/s", Quantity::Unit::volt_per_second, 1e-3},
             {"uv/s", Quantity::Unit::volt_per_second, 1e-6}};
        for (const UnitName &u : units)
          if (unit == u.name)
            {
              q.unit = u.unit;
              q.value *= u.factor;
              return q;
            }
        fail("unknown unit '" + unit
               + "' (known: C, A, mA, uA, nA, A/m2, mA/cm2, V, mV, s, min, "
                 "h, V/s, mV/s, uV/s)",
             word);
      }

      const std::string       &entry;
      const unsigned int       number;
      const std::string       &text;
      std::vector<std::string> words;
      std::size_t              position = 0;
    };

    bool
    is_current(const Quantity &q)
    {
      return q.unit == Quantity::Unit::c_rate
             || q.unit == Quantity::Unit::ampere
             || q.unit == Quantity::Unit::current_density;
    }
  } // namespace


  double
  to_ampere(const Quantity &q, const double one_c, const double area)
  {
    switch (q.unit)
      {
        case Quantity::Unit::c_rate:
          return q.value * one_c;
        case Quantity::Unit::current_density:
          return q.value * area;
        default:
          return q.value;
      }
  }


  std::vector<Step>
  parse_protocol(const std::string &entry, const std::string &text)
  {
    std::vector<Step> steps;
    unsigned int      number = 0;
    for (const std::string &piece :
         dealii::Utilities::split_string_list(text, ';'))
      {
        ++number;
        const std::string trimmed = dealii::Utilities::trim(piece);
        StepReader        reader(entry, number, trimmed);
        if (reader.done())
          reader.fail("the step is empty", "");
        Step step;
        step.text              = trimmed;
        const std::string kind = reader.next_keyword();
        if (kind == "discharge")
          step.kind = Step::Kind::discharge;
        else if (kind == "charge")
          step.kind = Step::Kind::charge;
        else if (kind == "rest")
          step.kind = Step::Kind::rest;
        else if (kind == "hold")
          step.kind = Step::Kind::hold;
        else if (kind == "sweep")
          step.kind = Step::Kind::sweep;
        else
          reader.fail(
            "a step begins with Discharge, Charge, Rest, Hold or Sweep", kind);
        const bool sweep        = step.kind == Step::Kind::sweep;
        bool       has_setpoint = false, has_target = false;
        while (!reader.done())
          {
            const std::string word = reader.next_keyword();
            if (sweep && (word == "to" || word == "from"))
              {
                const Quantity v = reader.quantity();
                if (v.unit != Quantity::Unit::volt
                    || (word == "to" ? has_target : step.has_sweep_start))
                  reader.fail("`" + word + "` takes a voltage, once", word);
                if (word == "to")
                  {
                    step.sweep_target = v;
                    has_target        = true;
                  }
                else
                  {
                    step.sweep_start     = v;
                    step.has_sweep_start = true;
                  }
              }
            else if (sweep && word == "at")
              {
                if (has_setpoint)
                  reader.fail("`at` is given twice", word);
                step.setpoint = reader.quantity();
                has_setpoint  = true;
                if (step.setpoint.unit != Quantity::Unit::volt_per_second
                    || !(step.setpoint.value > 0))
                  reader.fail("Sweep needs a sweep rate > 0 (`at 1 mV/s`); "
                              "the target voltage gives the direction",
                              word);
              }
            else if (sweep)
              reader.fail("a Sweep step takes `to <voltage>`, `at <rate>` "
                          "and optionally `from <voltage>`",
                          word);
            else if (word == "at")
              {
                if (step.kind == Step::Kind::rest || has_setpoint)
                  reader.fail(step.kind == Step::Kind::rest
                                ? "Rest takes no `at`"
                                : "`at` is given twice",
                              word);
                step.setpoint = reader.quantity();
                has_setpoint  = true;
                const bool ok = step.kind == Step::Kind::hold
                                  ? step.setpoint.unit == Quantity::Unit::volt
                                  : is_current(step.setpoint);
                if (!ok)
                  reader.fail(step.kind == Step::Kind::hold
                                ? "Hold needs a voltage (`at 4.2 V`)"
                                : "Discharge and Charge need a current (`at "
                                  "1C`, `at 2 mA`, `at 3 A/m2`)",
                              word);
                if (step.kind != Step::Kind::hold && !(step.setpoint.value > 0))
                  reader.fail("the current must be > 0 (Discharge or Charge "
                              "gives the direction)",
                              word);
              }
            else if (word == "until")
              {
                const Quantity limit = reader.quantity();
                if (limit.unit == Quantity::Unit::volt
                    && (step.kind == Step::Kind::discharge
                        || step.kind == Step::Kind::charge)
                    && !step.has_voltage_limit)
                  {
                    step.voltage_limit     = limit;
                    step.has_voltage_limit = true;
                  }
                else if (is_current(limit) && step.kind == Step::Kind::hold
                         && !step.has_current_limit)
                  {
                    if (!(limit.value > 0))
                      reader.fail("the current cut-off must be > 0", word);
                    step.current_limit     = limit;
                    step.has_current_limit = true;
                  }
                else
                  reader.fail("`until` takes a voltage in Discharge and "
                              "Charge steps and a current in Hold steps, "
                              "once",
                              word);
              }
            else if (word == "for")
              {
                const Quantity d = reader.quantity();
                if (d.unit != Quantity::Unit::second || !(d.value > 0)
                    || step.has_duration)
                  reader.fail("`for` takes a duration > 0 (`30 s`, `10 min`, "
                              "`2 h`), once",
                              word);
                step.duration     = d;
                step.has_duration = true;
              }
            else
              reader.fail("expected `at`, `until` or `for`", word);
          }
        if (sweep && (!has_target || !has_setpoint))
          reader.fail(has_target ? "Sweep needs `at <sweep rate>`"
                                 : "Sweep needs `to <voltage>`",
                      "");
        if (sweep && step.has_sweep_start
            && step.sweep_start.value == step.sweep_target.value)
          reader.fail("the sweep starts at its target voltage", "");
        if (!has_setpoint && step.kind != Step::Kind::rest)
          reader.fail(step.kind == Step::Kind::hold
                        ? "Hold needs `at <voltage>`"
                        : "Discharge and Charge need `at <current>`",
                      "");
        if (!sweep && !step.has_voltage_limit && !step.has_current_limit
            && !step.has_duration)
          reader.fail("the step never ends: give `until ...` or `for ...`", "");
        steps.push_back(step);
      }
    AssertThrow(!steps.empty(),
                ExcInput(entry
                         + " is empty: give at least one step, e.g. "
                           "`Discharge at 1C until 3.0 V`."));
    return steps;
  }
} // namespace heterion::protocols
