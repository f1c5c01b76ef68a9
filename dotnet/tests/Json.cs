using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Unilance.Tests
{
    /// <summary>
    /// Reads JSON into plain values (Dictionary&lt;string, object&gt;, List&lt;object&gt;, string, long,
    /// double, bool, null) for the shared scenario files: Mono has no System.Text.Json, and the
    /// tests take no NuGet package.
    /// </summary>
    public static class Json
    {
        public static object Parse(string text)
        {
            int i = 0;
            var value = Value(text, ref i);
            Space(text, ref i);
            if (i != text.Length) throw Error(text, i, "end of input");
            return value;
        }

        private static object Value(string s, ref int i)
        {
            Space(s, ref i);
            if (i >= s.Length) throw Error(s, i, "a value");
            char c = s[i];
            if (c == '{')
            {
                var obj = new Dictionary<string, object>();
                i++;
                Space(s, ref i);
                if (s[i] == '}') { i++; return obj; }
                while (true)
                {
                    Space(s, ref i);
                    if (s[i] != '"') throw Error(s, i, "a key");
                    string key = Text(s, ref i);
                    Space(s, ref i);
                    Expect(s, ref i, ':');
                    obj[key] = Value(s, ref i);
                    Space(s, ref i);
                    if (s[i] == '}') { i++; return obj; }
                    Expect(s, ref i, ',');
                }
            }
            if (c == '[')
            {
                var list = new List<object>();
                i++;
                Space(s, ref i);
                if (s[i] == ']') { i++; return list; }
                while (true)
                {
                    list.Add(Value(s, ref i));
                    Space(s, ref i);
                    if (s[i] == ']') { i++; return list; }
                    Expect(s, ref i, ',');
                }
            }
            if (c == '"') return Text(s, ref i);
            if (Word(s, ref i, "true")) return true;
            if (Word(s, ref i, "false")) return false;
            if (Word(s, ref i, "null")) return null;
            int start = i;
            while (i < s.Length && "+-0123456789.eE".IndexOf(s[i]) >= 0) i++;
            string number = s.Substring(start, i - start);
            if (number.Length == 0) throw Error(s, start, "a value");
            if (number.IndexOfAny(new[] { '.', 'e', 'E' }) >= 0) return double.Parse(number, CultureInfo.InvariantCulture);
            return long.Parse(number, CultureInfo.InvariantCulture);
        }

        private static string Text(string s, ref int i)
        {
            var sb = new StringBuilder();
            i++;
            while (s[i] != '"')
            {
                char c = s[i++];
                if (c != '\\') { sb.Append(c); continue; }
                char e = s[i++];
                switch (e)
                {
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u': sb.Append((char)Convert.ToInt32(s.Substring(i, 4), 16)); i += 4; break;
                    default: sb.Append(e); break;  // \" \\ \/
                }
            }
            i++;
            return sb.ToString();
        }

        private static bool Word(string s, ref int i, string word)
        {
            if (string.CompareOrdinal(s, i, word, 0, word.Length) != 0) return false;
            i += word.Length;
            return true;
        }

        private static void Space(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        }

        private static void Expect(string s, ref int i, char c)
        {
            if (i >= s.Length || s[i] != c) throw Error(s, i, "'" + c + "'");
            i++;
        }

        private static FormatException Error(string s, int i, string expected)
        {
            return new FormatException("JSON: expected " + expected + " at offset " + i);
        }
    }
}
