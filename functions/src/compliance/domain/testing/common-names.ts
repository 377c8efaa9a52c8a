// Everyday Western given names, surnames and business words used to build names that are
// clearly not on a sanctions list (the generator still drops any that happen to be listed).

export const GIVEN_NAMES: readonly string[] = [
  'Emily', 'Olivia', 'Sophie', 'Charlotte', 'Hannah', 'Grace', 'Lucy', 'Chloe', 'Megan', 'Laura',
  'Rebecca', 'Rachel', 'Katherine', 'Heather', 'Abigail', 'Madison', 'Brittany', 'Ingrid', 'Astrid',
  'Freya', 'Sinead', 'Niamh', 'Siobhan', 'Bethany', 'Harriet', 'Imogen', 'Philippa', 'Greta',
  'Oliver', 'Harry', 'George', 'Jack', 'Thomas', 'William', 'Edward', 'Henry', 'Charles', 'Frederick',
  'Benjamin', 'Matthew', 'Christopher', 'Timothy', 'Patrick', 'Brendan', 'Declan', 'Connor', 'Liam',
  'Lars', 'Sven', 'Bjorn', 'Henrik', 'Torsten', 'Jens', 'Pieter', 'Willem', 'Floris', 'Gareth',
  'Rhys', 'Dylan', 'Owen', 'Hamish', 'Angus', 'Douglas', 'Graham', 'Nigel', 'Clive', 'Trevor',
];

export const SURNAMES: readonly string[] = [
  'Thompson', 'Whitfield', 'Pemberton', 'Ashworth', 'Blackwood', 'Fairweather', 'Hargreaves',
  'Lockwood', 'Thornton', 'Winterbottom', 'Cartwright', 'Featherstone', 'Holloway', 'Kingsley',
  'Middleton', 'Prescott', 'Radcliffe', 'Sutherland', 'Townsend', 'Underwood', 'Wainwright',
  'Abernathy', 'Bradshaw', 'Chamberlain', 'Dunmore', 'Eastwood', 'Fitzgerald', 'Gallagher',
  'Donnelly', 'Flanagan', 'Kavanagh', 'McAllister', 'MacLeod', 'Robertson', 'Henderson', 'Lindqvist',
  'Johansson', 'Bergstrom', 'Nilsson', 'Halvorsen', 'Jorgensen', 'Van der Berg', 'De Vries',
  'Bakker', 'Visser', 'Janssen', 'Hofstede', 'Schneider', 'Baumgartner', 'Oakley', 'Pickering',
  'Quigley', 'Rowntree', 'Shackleton', 'Tennyson', 'Voss', 'Wetherby', 'Yardley', 'Pennington',
];

export const COMPANY_WORDS: readonly string[] = [
  'Bluebell', 'Meadowlark', 'Thistle', 'Kingfisher', 'Heathland', 'Brambleberry', 'Oakridge',
  'Willowbrook', 'Larkspur', 'Foxglove', 'Harbourside', 'Moorland', 'Riverbend', 'Cloverfield',
  'Stonebridge', 'Ashgrove', 'Primrose', 'Honeysuckle', 'Juniper', 'Nettlebed', 'Elderflower',
];

export const COMPANY_NOUNS: readonly string[] = [
  'Bakery', 'Bicycles', 'Bookshop', 'Dental Care', 'Florists', 'Garden Centre', 'Joinery', 'Kennels',
  'Laundry', 'Opticians', 'Pottery', 'Tea Rooms', 'Veterinary Clinic', 'Yoga Studio', 'Cheesemakers',
];

export const COMPANY_SUFFIXES: readonly string[] = ['Ltd', 'LLC', 'Limited', 'Inc.', 'GmbH', 'B.V.', ''];
