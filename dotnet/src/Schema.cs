using System.Collections.Generic;

namespace Unilance
{
    public partial class Schema
    {
        /// <summary>The field named <paramref name="name"/>: <c>schema["vector"].DataType</c>.</summary>
        public Field this[string name]
        {
            get
            {
                foreach (var field in Fields) if (field.Name == name) return field;
                throw new KeyNotFoundException($"no field '{name}' in the schema");
            }
        }
    }
}
