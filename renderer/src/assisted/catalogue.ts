import { proceduresFromCatalogue, type CatalogueProcedure } from '../../../domain/assisted';
import { newId } from '../../../domain/ids';
import procedureCatalogue from '../../../resources/catalogue/procedures.json';

/** The shipped assisted-procedure catalogue (accompagnement numérique), as documents of this commune. */
export function catalogueProcedures(communeId: string, now: string) {
  return proceduresFromCatalogue(procedureCatalogue as CatalogueProcedure[], communeId, now, () => newId());
}
