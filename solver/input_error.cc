#include <solver/input_error.h>

#include <regex>
#include <sstream>

namespace heterion
{
  namespace
  {
    /**
     * Replaces every match of @p pattern in @p text by what @p replace
     * returns for it.
     */
    template <typename Replace>
    std::string
    replace_all(const std::string &text,
                const std::regex  &pattern,
                const Replace     &replace)
    {
      std::string result;
      auto        begin = text.cbegin();
      std::smatch m;
      while (std::regex_search(begin, text.cend(), m, pattern))
        {
          result.append(begin, m[0].first);
          result += replace(m);
          begin = m[0].second;
        }
      result.append(begin, text.cend());
      return result;
    }

    /**
     * The interval from @p lower to @p upper in words: "a number in [0,
     * infinity)" (@p kind "number") or "any integer" for an unbounded one.
     * Bounds in @p infinite are shown as infinity.
     */
    std::string
    interval(const std::string              &kind,
             const std::string              &lower,
             const std::string              &upper,
             const std::vector<std::string> &infinite)
    {
      const auto is_infinite = [&](const std::string &bound) {
        const std::string magnitude
          = !bound.empty() && (bound[0] == '-' || bound[0] == '+')
              ? bound.substr(1)
              : bound;
        for (const std::string &name : infinite)
          if (magnitude == name)
            return true;
        return false;
      };
      const bool no_lower = is_infinite(lower), no_upper = is_infinite(upper);
      if (no_lower && no_upper)
        return "any " + kind;
      return "a" + std::string(kind == "integer" ? "n " : " ") + kind + " in "
             + (no_lower ? "(-infinity" : "[" + lower) + ", "
             + (no_upper ? "infinity)" : upper + "]");
    }
  } // namespace


  std::string
  user_message(const std::exception &exc)
  {
    std::string text;
    if (const auto *deal_exc
        = dynamic_cast<const dealii::ExceptionBase *>(&exc))
      {
        std::ostringstream stream;
        deal_exc->print_info(stream);
        text = stream.str();
        if (text.find_first_not_of(" \n\t") == std::string::npos)
          text = deal_exc->get_exc_name();
      }
    else
      text = exc.what();

    // Fold the text into one paragraph: collapse runs of white space.
    std::string folded;
    bool        in_space = true;
    for (const char ch : text)
      if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r')
        in_space = true;
      else
        {
          if (in_space && !folded.empty())
            folded += ' ';
          folded += ch;
          in_space = false;
        }
    return readable_patterns(folded);
  }


  std::string
  readable_patterns(const std::string &text)
  {
    static const std::regex real(
      "\\[Double (\\S+?)\\.\\.\\.(\\S+?) \\(inclusive\\)\\]");
    static const std::regex integer(
      "\\[Integer range (\\S+?)\\.\\.\\.(\\S+?) \\(inclusive\\)\\]");
    static const std::regex selection("\\[Selection ([^\\]]*?) ?\\]");
    static const std::regex list(
      "\\[List of <(.*?)> of length ([0-9]+)\\.\\.\\.([0-9]+) "
      "\\(inclusive\\)(?: separated by <([^>]*)>)?\\]");

    std::string result = replace_all(text, real, [](const std::smatch &m) {
      return interval("number",
                      m[1],
                      m[2],
                      {"MAX_DOUBLE", "1.79769e+308", "inf"});
    });
    result             = replace_all(result, integer, [](const std::smatch &m) {
      return interval("integer",
                      m[1],
                      m[2],
                      {"MAX_INT", "2147483647", "2147483648"});
    });
    result = replace_all(result, selection, [](const std::smatch &m) {
      std::string options = m[1];
      for (std::size_t bar; (bar = options.find('|')) != std::string::npos;)
        options.replace(bar, 1, ", ");
      return "one of: " + options;
    });
    result = replace_all(result, list, [](const std::smatch &m) {
      const std::string lower = m[2], upper = m[3];
      const bool        unbounded = upper.size() >= 9;
      const std::string separator
        = m[4].matched ? std::string(m[4]) : std::string(",");
      std::string count;
      if (unbounded)
        count = lower == "0" ? "any number of" : "at least " + lower;
      else if (lower == upper)
        count = lower;
      else
        count = lower + " to " + upper;
      return std::string(separator == ","
                           ? "a comma-separated list"
                           : "a list separated by '" + separator + "'")
             + " of " + count + " values, each " + std::string(m[1]);
    });
    result
      = std::regex_replace(result, std::regex("\\[Bool\\]"), "true or false");
    result
      = std::regex_replace(result, std::regex("\\[Anything\\]"), "any text");
    return result;
  }


  std::string
  excerpt(const std::string &text, const std::size_t max_length)
  {
    std::string result;
    std::size_t n_characters = 0;
    for (std::size_t i = 0; i < text.size(); ++i)
      {
        const unsigned char ch = text[i];
        // A UTF-8 continuation byte belongs to the character before.
        const bool continuation = (ch & 0xC0) == 0x80;
        if (!continuation)
          {
            if (n_characters == max_length)
              return result + "...";
            ++n_characters;
          }
        result += (ch < 0x20 || ch == 0x7F) ? '?' : static_cast<char>(ch);
      }
    return result;
  }
} // namespace heterion
