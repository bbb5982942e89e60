#include <solver/input_error.h>

#include <sstream>

namespace heterion
{
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
    return folded;
  }
} // namespace heterion
