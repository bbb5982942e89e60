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
